package dev.imagepipeline.generation.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imagepipeline.generation.GenerationWorkerSettings;

/**
 * Keeps images as files named by their keys, which this worker serves at {@code /api/images/{key}}. Expiry is read
 * from each file's modification time, so it survives a restart.
 */
final class ImageDirectory implements ImageStorage {

    private static final Logger log = LoggerFactory.getLogger(ImageDirectory.class);

    private final Path directory;
    private final Duration timeToLive;
    private final String imagesUrl;

    ImageDirectory(GenerationWorkerSettings.Images settings) {
        this.directory = Objects.requireNonNull(settings.directory(), "a filesystem store has a directory");
        this.timeToLive = settings.timeToLive();
        this.imagesUrl = settings.publicBaseUrl().replaceAll("/+$", "") + "/api/images/";
    }

    @Override
    public String save(NewImage image) {
        var file = directory.resolve(image.key());
        try {
            Files.createDirectories(directory);
            Files.write(file, image.bytes(), StandardOpenOption.CREATE_NEW);
            // The clock, not the file system, says when an image was made, so tests and sweeps agree on expiry.
            Files.setLastModifiedTime(file, FileTime.from(image.storedAt()));
        } catch (IOException e) {
            throw new ImageStoreException("Could not write image " + image.key() + " to " + directory + ": " + e, e);
        }
        return imagesUrl + image.key();
    }

    /** The image under this key, unless the key is malformed or unknown or the image has expired by now. */
    Optional<StoredImage> find(String key, Instant now) {
        if (!ImageKeys.isKey(key)) {
            return Optional.empty();
        }
        try {
            var file = directory.resolve(key);
            var timeLeft = Duration.between(now, expiry(file));
            if (timeLeft.isNegative() || timeLeft.isZero()) {
                return Optional.empty();
            }
            return Optional.of(new StoredImage(Files.readAllBytes(file), ImageKeys.contentType(key), timeLeft));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int deleteExpired(Instant now) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        var deleted = 0;
        try (var files = Files.newDirectoryStream(directory, file -> ImageKeys.isKey(file.getFileName().toString()))) {
            for (var file : files) {
                deleted += deleteIfExpired(file, now) ? 1 : 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (deleted > 0) {
            log.debug("Deleted {} expired images from {}", deleted, directory);
        }
        return deleted;
    }

    private boolean deleteIfExpired(Path file, Instant now) throws IOException {
        try {
            return !now.isBefore(expiry(file)) && Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private Instant expiry(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().plus(timeToLive);
    }
}
