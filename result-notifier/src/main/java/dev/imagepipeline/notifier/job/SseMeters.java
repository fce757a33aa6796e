package dev.imagepipeline.notifier.job;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Reports the SSE streams open now ({@code pipeline.sse.connections}): each holds a thread and a connection. */
@Component
class SseMeters implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("pipeline.sse.connections", SseStream::openStreams)
                .description("SSE streams open now, of jobs and catalogs")
                .register(meters);
    }
}
