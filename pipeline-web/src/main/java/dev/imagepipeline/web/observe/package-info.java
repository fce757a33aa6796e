/** What every HTTP service shares to be watched: actuator defaults, probes, and the job id in the logging context. */
@NullMarked
package dev.imagepipeline.web.observe;

import org.jspecify.annotations.NullMarked;
