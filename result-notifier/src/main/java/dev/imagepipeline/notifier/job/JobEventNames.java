package dev.imagepipeline.notifier.job;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import dev.imagepipeline.contracts.JobEvent;

/** The SSE event name of each job event: its {@code type} on the wire, read from the contract itself. */
final class JobEventNames {

    private static final Map<Class<?>, String> NAMES = Arrays
            .stream(JobEvent.class.getAnnotation(JsonSubTypes.class).value())
            .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));

    private JobEventNames() {
    }

    static String of(JobEvent event) {
        return NAMES.get(event.getClass());
    }
}
