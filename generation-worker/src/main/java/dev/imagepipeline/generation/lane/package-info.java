/**
 * Who calls a provider next: each provider's line of waiting jobs, interactive first, bulk by catalog in turn, at the
 * provider's quota.
 */
@NullMarked
package dev.imagepipeline.generation.lane;

import org.jspecify.annotations.NullMarked;
