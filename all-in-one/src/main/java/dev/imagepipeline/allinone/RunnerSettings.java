package dev.imagepipeline.allinone;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the runner starts its embedded broker; bound from {@code pipeline.runner.*} before the context exists.
 *
 * @param brokerPort the client port of the embedded broker; 0 picks a free one
 * @param dataDirectory keeps the broker's log (and so jobs in flight) across restarts; absent means a temporary
 *        directory deleted on exit
 */
record RunnerSettings(@DefaultValue("9092") int brokerPort, @Nullable Path dataDirectory) {
}
