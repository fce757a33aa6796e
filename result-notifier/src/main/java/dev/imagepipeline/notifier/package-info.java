/** The result notifier: a bounded view of recent jobs, served as status, SSE streams and results. */
@NullMarked
package dev.imagepipeline.notifier;

import org.jspecify.annotations.NullMarked;
