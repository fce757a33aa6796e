/** The view of recent jobs and the HTTP endpoints that read it: status and SSE. */
@NullMarked
package dev.imagepipeline.notifier.job;

import org.jspecify.annotations.NullMarked;
