package dev.imagepipeline.generation.image;

import java.time.Instant;

/** Where the bytes of images live: a directory this worker serves, or a bucket clients fetch from. */
sealed interface ImageStorage permits ImageDirectory, ImageBucket {

    /**
     * Keeps the image until it expires, and says where clients can fetch it.
     *
     * @throws ImageStoreException when the image could not be written
     */
    String save(NewImage image);

    /** Deletes every image that has expired by now, and says how many there were. */
    int deleteExpired(Instant now);
}
