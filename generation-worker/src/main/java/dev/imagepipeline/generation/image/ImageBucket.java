package dev.imagepipeline.generation.image;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Keeps images as objects in an S3 bucket, which clients fetch from directly at presigned URLs that expire with the
 * image. An object's key starts with its expiry ({@code images/20261127T110000Z/<key>}), so the sweep needs nothing but
 * a listing to know what to delete, and a change of time to live never shortens what a URL promised.
 */
final class ImageBucket implements ImageStorage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImageBucket.class);
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern OBJECT = Pattern.compile("(\\d{8}T\\d{6}Z)/" + ImageKeys.KEY.pattern());

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;

    ImageBucket(S3Client s3, S3Presigner presigner, String bucket, String prefix) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** The bucket these settings name, reached and signed for as they say, with these credentials. */
    static ImageBucket open(GenerationWorkerSettings.Images.S3 settings, AwsCredentialsProvider credentials) {
        var prefix = settings.keyPrefix().isEmpty() || settings.keyPrefix().endsWith("/")
                ? settings.keyPrefix()
                : settings.keyPrefix() + "/";
        return new ImageBucket(S3Connections.client(settings, credentials),
                S3Connections.presigner(settings, credentials),
                Objects.requireNonNull(settings.bucket(), "an S3 store has a bucket"), prefix);
    }

    /**
     * Creates the bucket unless it exists.
     *
     * @throws ImageStoreException when the server cannot be reached or refuses
     */
    void createIfMissing(String region) {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            create(region);
        } catch (SdkException e) {
            throw new ImageStoreException("Could not check that bucket '" + bucket + "' exists: " + e.getMessage(), e);
        }
    }

    @Override
    public String save(NewImage image) {
        var key = objectKey(image);
        var timeToLive = Duration.between(image.storedAt(), image.expiresAt());
        try {
            s3.putObject(
                    request -> request.bucket(bucket)
                            .key(key)
                            .contentType(image.contentType())
                            .cacheControl("private, max-age=" + timeToLive.toSeconds())
                            .metadata(Map.of("expires-at", image.expiresAt().toString())),
                    RequestBody.fromBytes(image.bytes()));
            return presigner.presignGetObject(request -> request.signatureDuration(timeToLive)
                    .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString();
        } catch (SdkException e) {
            throw new ImageStoreException(
                    "Could not write image " + key + " to bucket '" + bucket + "': " + e.getMessage(), e);
        }
    }

    @Override
    public int deleteExpired(Instant now) {
        var deleted = 0;
        try {
            for (var object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents()) {
                var expiry = expiry(object.key());
                if (expiry.isPresent() && !now.isBefore(expiry.get())) {
                    s3.deleteObject(request -> request.bucket(bucket).key(object.key()));
                    deleted++;
                }
            }
        } catch (SdkException e) {
            throw new ImageStoreException(
                    "Could not delete expired images from bucket '" + bucket + "': " + e.getMessage(), e);
        }
        if (deleted > 0) {
            log.debug("Deleted {} expired images from bucket {}", deleted, bucket);
        }
        return deleted;
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private void create(String region) {
        try {
            // Outside us-east-1, AWS wants the bucket's region named; S3-compatible servers accept or ignore it.
            var request = CreateBucketRequest.builder().bucket(bucket);
            if (!"us-east-1".equals(region)) {
                request.createBucketConfiguration(config -> config.locationConstraint(region));
            }
            s3.createBucket(request.build());
            log.info("Created bucket {} for images", bucket);
        } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
            log.debug("Bucket {} was created by another worker", bucket);
        } catch (SdkException e) {
            throw new ImageStoreException("Could not create bucket '" + bucket + "': " + e.getMessage(), e);
        }
    }

    private String objectKey(NewImage image) {
        // Rounded up, so an object is never deleted before its URL expires.
        var expiry = image.expiresAt().plusNanos(999_999_999).truncatedTo(ChronoUnit.SECONDS);
        return prefix + EXPIRY.format(expiry) + "/" + image.key();
    }

    /** When the object under this key expires; empty for objects this store did not write. */
    private Optional<Instant> expiry(String key) {
        var matcher = OBJECT.matcher(key.substring(prefix.length()));
        return matcher.matches() ? Optional.of(EXPIRY.parse(matcher.group(1), Instant::from)) : Optional.empty();
    }
}
