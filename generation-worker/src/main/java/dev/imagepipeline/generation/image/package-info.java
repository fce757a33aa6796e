/**
 * Keeps finished images for a limited time under unguessable keys: on disk, served over HTTP by this worker, or in an
 * S3 bucket, fetched at presigned URLs.
 */
@NullMarked
package dev.imagepipeline.generation.image;

import org.jspecify.annotations.NullMarked;
