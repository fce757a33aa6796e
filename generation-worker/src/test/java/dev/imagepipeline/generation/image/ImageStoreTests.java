package dev.imagepipeline.generation.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.RenderedImage;

/** The filesystem store; {@link ImageBucketTests} has the S3 one. */
class ImageStoreTests {

    static final Instant MADE = Instant.parse("2026-11-27T10:00:00Z");
    static final Duration TIME_TO_LIVE = Duration.ofHours(1);
    static final byte[] BYTES = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    @TempDir
    Path temp;

    @Test
    void storesImageUnderAnUnguessableKeyAndFindsItAgain() {
        var stored = storeAt(MADE).store(new RenderedImage(BYTES, "image/png", 512, 768));

        assertThat(stored.url()).matches("https://images\\.example/api/images/[0-9a-f]{32}\\.png");
        assertThat(stored.width()).isEqualTo(512);
        assertThat(stored.height()).isEqualTo(768);
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(stored.expiresAt()).isEqualTo(MADE.plus(TIME_TO_LIVE));
        assertThat(directoryStore().find(key(stored), MADE.plusSeconds(60))).hasValueSatisfying(image -> {
            assertThat(image.bytes()).isEqualTo(BYTES);
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(image.timeLeft()).isEqualTo(Duration.ofMinutes(59));
        });
    }

    @Test
    void givesEveryImageItsOwnKey() {
        var store = storeAt(MADE);
        var image = new RenderedImage(BYTES, "image/png", 512, 512);

        assertThat(store.store(image).url()).isNotEqualTo(store.store(image).url());
    }

    @Test
    void namesFilesByTheirContentType() {
        var store = storeAt(MADE);

        assertThat(store.store(new RenderedImage(BYTES, "image/jpeg", 1, 1)).url()).endsWith(".jpg");
        assertThat(store.store(new RenderedImage(BYTES, "IMAGE/WEBP", 1, 1))).satisfies(image -> {
            assertThat(image.url()).endsWith(".webp");
            assertThat(image.contentType()).isEqualTo("image/webp");
        });
    }

    @Test
    void createsItsDirectoryWhenMissing() {
        var stored = storeAt(MADE).store(new RenderedImage(BYTES, "image/png", 1, 1));

        assertThat(directory().resolve(key(stored))).exists().hasBinaryContent(BYTES);
    }

    @Test
    void findsImagesUntilTheirTimeToLiveRunsOut() {
        var stored = storeAt(MADE).store(new RenderedImage(BYTES, "image/png", 1, 1));

        assertThat(directoryStore().find(key(stored), MADE.plus(TIME_TO_LIVE).minusSeconds(1))).isPresent();
        assertThat(directoryStore().find(key(stored), MADE.plus(TIME_TO_LIVE))).isEmpty();
    }

    @Test
    void findsNothingForAnUnknownKey() {
        assertThat(directoryStore().find("0123456789abcdef0123456789abcdef.png", MADE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.png", "..%2Fsecret.png", "/etc/passwd", "secret.png", "notes.txt", "",
            "0123456789abcdef0123456789abcdef.PNG", "0123456789abcdef0123456789abcdef.exe",
            "0123456789abcdef0123456789abcde.png", "0123456789ABCDEF0123456789ABCDEF.png",
            "0123456789abcdef0123456789abcdef.png/", "0123456789abcdef0123456789abcdef.png\n"})
    void rejectsKeysNotOfItsOwnForm(String key) throws IOException {
        storeAt(MADE).store(new RenderedImage(BYTES, "image/png", 1, 1));
        Files.write(temp.resolve("secret.png"), BYTES);
        Files.write(directory().resolve("secret.png"), BYTES);
        Files.write(directory().resolve("notes.txt"), BYTES);

        assertThat(directoryStore().find(key, MADE)).isEmpty();
    }

    @Test
    void deletesOnlyExpiredImages() throws IOException {
        var old = storeAt(MADE).store(new RenderedImage(BYTES, "image/png", 1, 1));
        var recent = storeAt(MADE.plus(Duration.ofMinutes(30))).store(new RenderedImage(BYTES, "image/png", 1, 1));
        Files.write(directory().resolve("notes.txt"), BYTES);

        var deleted = storeAt(MADE.plus(TIME_TO_LIVE)).deleteExpired();

        assertThat(deleted).isOne();
        assertThat(directory().resolve(key(old))).doesNotExist();
        assertThat(directory().resolve(key(recent))).exists();
        assertThat(directory().resolve("notes.txt")).exists();
    }

    @Test
    void deletesNothingBeforeAnythingWasStored() {
        assertThat(storeAt(MADE).deleteExpired()).isZero();
    }

    @Test
    void refusesContentTypesItCannotServe() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> storeAt(MADE).store(new RenderedImage(BYTES, "text/html", 1, 1)));
    }

    @Test
    void aFailedWriteIsAClearError() throws IOException {
        Files.write(directory(), BYTES);

        assertThatExceptionOfType(ImageStoreException.class)
                .isThrownBy(() -> storeAt(MADE).store(new RenderedImage(BYTES, "image/png", 1, 1)))
                .withMessageStartingWith("Could not write image ")
                .withMessageContaining(directory().toString());
    }

    private ImageStore storeAt(Instant now) {
        return store(directory(), now);
    }

    private ImageDirectory directoryStore() {
        return new ImageDirectory(settings(directory()));
    }

    private Path directory() {
        return temp.resolve("images");
    }

    static ImageStore store(Path directory, Instant now) {
        return new ImageStore(settings(directory), Clock.fixed(now, ZoneOffset.UTC));
    }

    static GenerationWorkerSettings.Images settings(Path directory) {
        return new GenerationWorkerSettings.Images(directory, TIME_TO_LIVE, "https://images.example/",
                Duration.ofMinutes(1));
    }

    static String key(GeneratedImage image) {
        return image.url().substring(image.url().lastIndexOf('/') + 1);
    }
}
