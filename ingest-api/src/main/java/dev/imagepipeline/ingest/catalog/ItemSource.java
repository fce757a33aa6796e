package dev.imagepipeline.ingest.catalog;

import org.jspecify.annotations.Nullable;

/** The items of one upload, read one at a time as the body streams in. */
interface ItemSource {

    /**
     * The next item, or {@code null} at the end of the upload.
     *
     * @throws UnreadableUploadException when the rest of the upload cannot be read, such as after a JSON syntax error
     *         inside an array
     */
    @Nullable
    SourceItem next();

    /** A problem that ends the reading of an upload: what was read before it stands. */
    final class UnreadableUploadException extends RuntimeException {

        private final long line;

        UnreadableUploadException(long line, String message) {
            super(message);
            this.line = line;
        }

        long line() {
            return line;
        }
    }
}
