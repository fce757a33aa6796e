package dev.imagepipeline.generation.image;

import static dev.imagepipeline.generation.image.ImageStoreTests.BYTES;
import static dev.imagepipeline.generation.image.ImageStoreTests.MADE;
import static dev.imagepipeline.generation.image.ImageStoreTests.TIME_TO_LIVE;
import static dev.imagepipeline.generation.image.ImageStoreTests.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.imagepipeline.generation.provider.RenderedImage;

class ImageControllerTests {

    @TempDir
    Path directory;

    @Test
    void servesAStoredImageWithItsContentTypeAndRemainingLifetime() {
        var image = ImageStoreTests.store(directory, MADE).store(new RenderedImage(BYTES, "image/png", 1, 1));

        var result = get(MADE.plusSeconds(600), key(image));

        assertThat(result).hasStatusOk()
                .hasContentType(MediaType.IMAGE_PNG)
                .hasHeader(HttpHeaders.CACHE_CONTROL, "max-age=3000, private");
        assertThat(result).body().isEqualTo(BYTES);
    }

    @Test
    void answersNotFoundProblemForAnUnknownKey() {
        assertNotFoundProblem(get(MADE, "0123456789abcdef0123456789abcdef.png"));
    }

    @Test
    void answersNotFoundProblemForAnExpiredImage() {
        var image = ImageStoreTests.store(directory, MADE).store(new RenderedImage(BYTES, "image/png", 1, 1));

        assertNotFoundProblem(get(MADE.plus(TIME_TO_LIVE), key(image)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.png", "0123456789abcdef0123456789abcdef.exe", "%00", "a b"})
    void answersNotFoundProblemForAMalformedKey(String key) {
        assertNotFoundProblem(get(MADE, key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/images/..%2Fsecret.png", "/api/images/%2E%2E%2Fimages%2F..%2Fsecret.png"})
    void answersNotFoundProblemForAnEncodedPathTraversal(String path) throws IOException {
        Files.write(directory.resolve("secret.png"), BYTES);
        var mvc = MockMvcTester.of(controller(directory.resolve("images"), MADE));

        assertNotFoundProblem(mvc.get().uri(URI.create(path)).exchange());
    }

    @Test
    void answersNotFoundProblemToAClientThatOnlyAcceptsImages() {
        var mvc = MockMvcTester.of(controller(directory, MADE));

        assertNotFoundProblem(mvc.get().uri("/api/images/{key}", "x.png").accept(MediaType.IMAGE_PNG).exchange());
    }

    private MvcTestResult get(Instant now, String key) {
        var mvc = MockMvcTester.of(controller(directory, now));
        return mvc.get().uri("/api/images/{key}", key).exchange();
    }

    private static ImageController controller(Path directory, Instant now) {
        return new ImageController(new ImageDirectory(ImageStoreTests.settings(directory)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void assertNotFoundProblem(MvcTestResult result) {
        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(404);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Image not found");
    }
}
