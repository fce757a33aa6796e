package dev.imagepipeline.web.access;

import java.io.IOException;

/** A request body went past the size limit while it was being read; answered with {@code 413}. */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException(String message) {
        super(message);
    }
}
