/** A job as the HTTP API shows it, folded from its events: the same body wherever a client reads it. */
@NullMarked
package dev.imagepipeline.web.job;

import org.jspecify.annotations.NullMarked;
