/**
 * Checks a generated image against a marketplace's image rules by pure image analysis, and fixes what can be fixed
 * without touching the product.
 */
@NullMarked
package dev.imagepipeline.generation.compliance;

import org.jspecify.annotations.NullMarked;
