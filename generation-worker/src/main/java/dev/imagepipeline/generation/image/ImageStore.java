package dev.imagepipeline.generation.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.RenderedImage;

/**
 * Keeps finished images as files under random keys until their time to live runs out. Expiry is read from each
 * file's modification time, so it survives a restart.
 */
public class ImageStore {

    private static final Logger log = LoggerFactory.getLogger(ImageStore.class);
    private static final Map<String, String> EXTENSIONS = Map.of("image/png", "png", "image/jpeg", "jpg", "image/webp",
            "webp");
    private static final Map<String, String> CONTENT_TYPES = EXTENSIONS.entrySet()
            .stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    /** 128 random bits in hex and a known extension; anything else, such as a path, is not a key. */
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}\\.(png|jpg|webp)");
    private static final SecureRandom random = new SecureRandom();

    private final Path directory;
    private final Duration timeToLive;
    private final String imagesUrl;
    private final Clock clock;

    public ImageStore(GenerationWorkerSettings.Images settings, Clock clock) {
        this.directory = settings.directory();
        this.timeToLive = settings.timeToLive();
        this.imagesUrl = settings.publicBaseUrl().replaceAll("/+$", "") + "/api/images/";
        this.clock = clock;
    }

    /**
     * Writes the image under a new key and says where clients can fetch it, and until when.
     *
     * @throws IllegalArgumentException for content types other than PNG, JPEG and WebP
     */
    public GeneratedImage store(RenderedImage image) {
        var extension = EXTENSIONS.get(image.contentType().toLowerCase(Locale.ROOT));
        if (extension == null) {
            throw new IllegalArgumentException("cannot store images of type " + image.contentType());
        }
        var key = newKey(extension);
        var now = clock.instant();
        write(directory.resolve(key), image.bytes(), now);
        return new GeneratedImage(imagesUrl + key, image.width(), image.height(), CONTENT_TYPES.get(extension),
                now.plus(timeToLive));
    }

    /** The image under this key, unless the key is malformed or unknown or the image has expired. */
    Optional<StoredImage> find(String key) {
        if (!isKey(key)) {
            return Optional.empty();
        }
        try {
            var file = directory.resolve(key);
            var timeLeft = Duration.between(clock.instant(), expiry(file));
            if (timeLeft.isNegative() || timeLeft.isZero()) {
                return Optional.empty();
            }
            return Optional.of(new StoredImage(Files.readAllBytes(file), contentType(key), timeLeft));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every expired image and says how many there were. */
    int deleteExpired() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        var now = clock.instant();
        var deleted = 0;
        try (var files = Files.newDirectoryStream(directory, file -> isKey(file.getFileName().toString()))) {
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

    private void write(Path file, byte[] bytes, Instant now) {
        try {
            Files.createDirectories(directory);
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
            // The clock, not the file system, says when an image was made, so tests and sweeps agree on expiry.
            Files.setLastModifiedTime(file, FileTime.from(now));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isKey(String name) {
        return KEY.matcher(name).matches();
    }

    private static String newKey(String extension) {
        var bits = new byte[16];
        random.nextBytes(bits);
        return HexFormat.of().formatHex(bits) + "." + extension;
    }

    private static String contentType(String key) {
        return CONTENT_TYPES.get(key.substring(key.lastIndexOf('.') + 1));
    }
}
