package dev.imagepipeline.ingest.job;

/** A field broke a rule that only the service can check, such as which providers are configured. */
class RejectedFieldException extends RuntimeException {

    private final String field;

    RejectedFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
