package dev.imagepipeline.generation.image;

/** An image could not be written to its store; the job that made it cannot deliver it. */
public class ImageStoreException extends RuntimeException {

    ImageStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
