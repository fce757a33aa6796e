/** Who may call the HTTP API and how often: API keys, per-client visibility, rate and size limits, security headers. */
@NullMarked
package dev.imagepipeline.web.access;

import org.jspecify.annotations.NullMarked;
