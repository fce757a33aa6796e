/** Where callbacks may go: the SSRF rule ingest-api and result-notifier share for a job's {@code callbackUrl}. */
@NullMarked
package dev.imagepipeline.web.callback;

import org.jspecify.annotations.NullMarked;
