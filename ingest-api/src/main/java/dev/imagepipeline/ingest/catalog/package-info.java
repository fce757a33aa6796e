/** Catalog uploads: many products at once, each a job on the bulk lane, read as they stream in. */
@NullMarked
package dev.imagepipeline.ingest.catalog;

import org.jspecify.annotations.NullMarked;
