package dev.imagepipeline.generation.image;

import static dev.imagepipeline.generation.image.ImageStoreTests.BYTES;
import static dev.imagepipeline.generation.image.S3Proxy.ACCESS_KEY_ID;
import static dev.imagepipeline.generation.image.S3Proxy.SECRET_ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ch.qos.logback.classic.Level;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.RenderedImage;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(S3ProxyExtension.class)
class ImageBucketTests {

    static final Duration TIME_TO_LIVE = Duration.ofHours(1);
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // The real time: the server checks a presigned URL's expiry against its own clock.
    final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final String bucketName = "images-" + UUID.randomUUID();
    S3Proxy server;
    S3Client s3;
    ImageBucket bucket;

    @BeforeEach
    void connect(S3Proxy server) {
        this.server = server;
        this.s3 = client(server.endpoint());
        this.bucket = ImageBucket.open(settings(server.endpoint(), bucketName), S3Proxy.CREDENTIALS);
        bucket.createIfMissing("us-east-1");
    }

    @AfterEach
    void close() {
        bucket.close();
        s3.close();
    }

    @Test
    void servesAStoredImageAtItsPresignedUrlWithItsContentType() throws Exception {
        var image = store(TIME_TO_LIVE).store(new RenderedImage(BYTES, "image/png", 512, 768));

        var response = get(image.url());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BYTES);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.url()).startsWith(server.endpoint() + "/" + bucketName + "/images/")
                .contains("X-Amz-Expires=3600", "X-Amz-Signature=")
                .doesNotContain(SECRET_ACCESS_KEY);
        assertThat(image.expiresAt()).isEqualTo(clock.instant().plus(TIME_TO_LIVE));
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.width()).isEqualTo(512);
    }

    @Test
    void keepsImagesPrivateToTheirSignedUrls() throws Exception {
        var image = store(TIME_TO_LIVE).store(new RenderedImage(BYTES, "image/png", 1, 1));

        var unsigned = URI.create(image.url()).resolve(URI.create(image.url()).getRawPath());

        assertThat(get(unsigned.toString()).statusCode()).isEqualTo(403);
    }

    @Test
    void presignedUrlStopsWorkingWhenTheImageExpires() throws Exception {
        var image = store(Duration.ofSeconds(2)).store(new RenderedImage(BYTES, "image/jpeg", 1, 1));

        assertThat(get(image.url()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(get(image.url()).statusCode()).isEqualTo(403));
    }

    @Test
    void sweepDeletesOnlyExpiredImages() throws Exception {
        var store = store(TIME_TO_LIVE);
        var old = store.store(new RenderedImage(BYTES, "image/png", 1, 1));
        clock.advance(Duration.ofMinutes(30));
        var recent = store.store(new RenderedImage(BYTES, "image/webp", 1, 1));
        s3.putObject(put -> put.bucket(bucketName).key("images/notes.txt"), RequestBody.fromString("notes"));
        s3.putObject(put -> put.bucket(bucketName).key("elsewhere/20200101T000000Z/x.png"), RequestBody.empty());
        clock.advance(Duration.ofMinutes(30));

        assertThat(store.deleteExpired()).isOne();

        assertThat(get(old.url()).statusCode()).isEqualTo(404);
        assertThat(get(recent.url()).statusCode()).isEqualTo(200);
        assertThat(keys()).hasSize(3).contains("images/notes.txt", "elsewhere/20200101T000000Z/x.png");
        clock.advance(Duration.ofMinutes(30));
        assertThat(store.deleteExpired()).isOne();
        assertThat(keys()).containsExactlyInAnyOrder("images/notes.txt", "elsewhere/20200101T000000Z/x.png");
    }

    @Test
    void signsUrlsForThePublicEndpointWhenThereIsOne() throws Exception {
        var publicEndpoint = URI.create("http://localhost:" + server.endpoint().getPort());
        var settings = new GenerationWorkerSettings.Images.S3(bucketName, "us-east-1", server.endpoint(),
                publicEndpoint, true, false, "images", Duration.ofSeconds(2), Duration.ofSeconds(5));
        try (var behindAGateway = ImageBucket.open(settings, S3Proxy.CREDENTIALS)) {
            var image = new ImageStore(behindAGateway, TIME_TO_LIVE, clock)
                    .store(new RenderedImage(BYTES, "image/png", 1, 1));

            assertThat(image.url()).startsWith(publicEndpoint + "/" + bucketName + "/images/");
            assertThat(get(image.url()).body()).isEqualTo(BYTES);
        }
    }

    @Test
    void createsTheBucketWhenMissingAndLeavesAnExistingOneAlone() {
        var name = "created-" + UUID.randomUUID();
        try (var created = ImageBucket.open(settings(server.endpoint(), name), S3Proxy.CREDENTIALS)) {
            created.createIfMissing("us-east-1");
            s3.putObject(put -> put.bucket(name).key("kept.txt"), RequestBody.fromString("kept"));

            created.createIfMissing("us-east-1");

            assertThat(s3.listObjectsV2(list -> list.bucket(name)).contents()).extracting(S3Object::key)
                    .containsExactly("kept.txt");
        }
    }

    @Nested
    class WhenAWriteFails {

        @Test
        void aMissingBucketIsAClearError() {
            try (var missing = ImageBucket.open(settings(server.endpoint(), "missing-" + UUID.randomUUID()),
                    S3Proxy.CREDENTIALS)) {
                var store = new ImageStore(missing, TIME_TO_LIVE, clock);

                assertThatExceptionOfType(ImageStoreException.class)
                        .isThrownBy(() -> store.store(new RenderedImage(BYTES, "image/png", 1, 1)))
                        .withMessageMatching("Could not write image images/\\S+\\.png to bucket 'missing-\\S+': "
                                + "The specified bucket does not exist.*");
            }
        }

        @Test
        void aServerThatIsDownIsAClearError() throws IOException {
            var nobody = URI.create("http://127.0.0.1:" + S3Proxy.freePort());
            try (var down = ImageBucket.open(settings(nobody, bucketName), S3Proxy.CREDENTIALS)) {
                var store = new ImageStore(down, TIME_TO_LIVE, clock);

                assertThatExceptionOfType(ImageStoreException.class)
                        .isThrownBy(() -> store.store(new RenderedImage(BYTES, "image/png", 1, 1)))
                        .withMessageContaining("to bucket '" + bucketName + "'")
                        .withMessageContaining("Connection refused");
            }
        }

        @Test
        void neverShowsTheCredentials() throws IOException {
            var nobody = URI.create("http://127.0.0.1:" + S3Proxy.freePort());
            try (var logs = new CapturedLogs();
                    var down = ImageBucket.open(settings(nobody, bucketName), S3Proxy.CREDENTIALS);
                    var missing = ImageBucket.open(settings(server.endpoint(), "missing-" + UUID.randomUUID()),
                            S3Proxy.CREDENTIALS)) {
                store(TIME_TO_LIVE).store(new RenderedImage(BYTES, "image/png", 1, 1));
                for (var failing : new ImageBucket[]{down, missing}) {
                    var failure = catchFailure(new ImageStore(failing, TIME_TO_LIVE, clock));
                    for (var cause = failure; cause != null; cause = cause.getCause()) {
                        assertThat(cause.toString()).doesNotContain(SECRET_ACCESS_KEY, ACCESS_KEY_ID);
                    }
                }

                assertThat(logs.atLeast(Level.DEBUG)).isNotEmpty().noneMatch(line -> line.contains(SECRET_ACCESS_KEY));
                assertThat(logs.atLeast(Level.INFO)).noneMatch(line -> line.contains(ACCESS_KEY_ID));
            }
        }

        private static Throwable catchFailure(ImageStore store) {
            try {
                store.store(new RenderedImage(BYTES, "image/png", 1, 1));
            } catch (ImageStoreException e) {
                return e;
            }
            throw new AssertionError("the write did not fail");
        }
    }

    private ImageStore store(Duration timeToLive) {
        return new ImageStore(bucket, timeToLive, clock);
    }

    private List<String> keys() {
        return s3.listObjectsV2(list -> list.bucket(bucketName)).contents().stream().map(S3Object::key).toList();
    }

    static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static GenerationWorkerSettings.Images.S3 settings(URI endpoint, String bucket) {
        return new GenerationWorkerSettings.Images.S3(bucket, "us-east-1", endpoint, null, true, true, "images/",
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(S3Proxy.CREDENTIALS)
                .forcePathStyle(true)
                .build();
    }
}
