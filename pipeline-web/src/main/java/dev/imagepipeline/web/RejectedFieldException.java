package dev.imagepipeline.web;

/**
 * A field broke a rule that only the service can check, such as which providers are configured; answered as a bad
 * request naming the field.
 */
public class RejectedFieldException extends RuntimeException {

    private final String field;

    /**
     * @param field the field as the client wrote it, such as {@code settings.num_images}
     * @param message what is wrong with it, read after the field's name
     */
    public RejectedFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
