package dev.imagepipeline.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

import dev.imagepipeline.contracts.JobId;

/**
 * Puts the job id of the record being handled in the logging context ({@code jobId}), so that every line a listener
 * logs names its job, in plain and in JSON logs alike.
 */
public final class JobLogContext implements RecordInterceptor<Object, Object> {

    /** The MDC key, also set by the HTTP side for the job a request names. */
    public static final String KEY = "jobId";

    @Override
    public @Nullable ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
            Consumer<Object, Object> consumer) {
        enter(record);
        return record;
    }

    /** Names the record's job in the logging context, or none when its key is no job id. */
    static void enter(ConsumerRecord<?, ?> record) {
        if (record.key() instanceof String key && isJobId(key)) {
            MDC.put(KEY, key);
        } else {
            MDC.remove(KEY);
        }
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        MDC.remove(KEY);
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        MDC.remove(KEY);
    }

    private static boolean isJobId(String key) {
        try {
            JobId.parse(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
