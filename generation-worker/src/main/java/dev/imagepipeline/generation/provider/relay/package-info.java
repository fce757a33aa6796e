/**
 * Results a relay reports for Hugging Face and Stability jobs, in the pipeline's own signed format, read into the
 * job's outcome; the images are fetched under the shared SSRF rule or decoded from base64.
 */
@NullMarked
package dev.imagepipeline.generation.provider.relay;

import org.jspecify.annotations.NullMarked;
