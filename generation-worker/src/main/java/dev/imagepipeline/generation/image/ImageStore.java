package dev.imagepipeline.generation.image;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.RenderedImage;

/**
 * Keeps finished images under unguessable keys until their time to live runs out, in a directory this worker serves
 * or in an S3 bucket, and says where clients can fetch each one.
 */
public class ImageStore {

    private final ImageStorage storage;
    private final Duration timeToLive;
    private final Clock clock;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong storedBytes = new AtomicLong();

    /** A store of files in the settings' directory, served by this worker under their public base URL. */
    public ImageStore(GenerationWorkerSettings.Images settings, Clock clock) {
        this(new ImageDirectory(settings), settings.timeToLive(), clock);
    }

    ImageStore(ImageStorage storage, Duration timeToLive, Clock clock) {
        this.storage = storage;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    /**
     * Writes the image under a new key and says where clients can fetch it, and until when.
     *
     * @throws IllegalArgumentException for content types other than PNG, JPEG and WebP
     * @throws ImageStoreException when the image could not be written
     */
    public GeneratedImage store(RenderedImage image) {
        var key = ImageKeys.newKey(image.contentType());
        var contentType = ImageKeys.contentType(key);
        var now = clock.instant();
        var expiresAt = now.plus(timeToLive);
        var url = storage.save(new NewImage(key, image.bytes(), contentType, now, expiresAt));
        held.incrementAndGet();
        storedBytes.addAndGet(image.bytes().length);
        return new GeneratedImage(url, image.width(), image.height(), contentType, expiresAt);
    }

    /** Deletes every expired image and says how many there were. */
    int deleteExpired() {
        int deleted = storage.deleteExpired(clock.instant());
        // Never below zero: a sweep also deletes what an earlier run of the worker stored.
        held.updateAndGet(count -> Math.max(0, count - deleted));
        return deleted;
    }

    /** Images this instance stored and has not yet seen expire. */
    long held() {
        return held.get();
    }

    /** Bytes of every image this instance stored since it started. */
    long storedBytes() {
        return storedBytes.get();
    }
}
