/** Hugging Face and Stability results that a relay reports in the pipeline's own signed format, relayed onward. */
@NullMarked
package dev.imagepipeline.webhook.relay;

import org.jspecify.annotations.NullMarked;
