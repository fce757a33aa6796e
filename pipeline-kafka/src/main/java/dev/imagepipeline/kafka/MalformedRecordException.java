package dev.imagepipeline.kafka;

/**
 * A worker's record that is not what its topic carries, such as a provider callback without a provider: it is
 * dead-lettered at once, but, unlike a request that breaks a rule, it says nothing about the job its key names, which is
 * left as it is. Garbage under a live job's key must not end that job.
 */
public final class MalformedRecordException extends IllegalArgumentException {

    public MalformedRecordException(String message) {
        super(message);
    }
}
