package dev.imagepipeline.generation.image;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the S3 client and presigner of an {@link ImageBucket} from its settings. */
final class S3Connections {

    private S3Connections() {
    }

    /** A client with explicit timeouts, which owns and closes its HTTP connections. */
    static S3Client client(GenerationWorkerSettings.Images.S3 settings, AwsCredentialsProvider credentials) {
        var http = Apache5HttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .connectionAcquisitionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout());
        var client = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(http)
                .forcePathStyle(settings.pathStyle())
                // S3-compatible servers differ in the checksum schemes they accept; this way the SDK adds one only
                // where S3 itself requires it.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint());
        }
        return client.build();
    }

    /** Signs URLs for the address clients reach the bucket at: the public endpoint, else the endpoint. */
    static S3Presigner presigner(GenerationWorkerSettings.Images.S3 settings, AwsCredentialsProvider credentials) {
        var presigner = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        var endpoint = settings.publicEndpoint() != null ? settings.publicEndpoint() : settings.endpoint();
        if (endpoint != null) {
            presigner.endpointOverride(endpoint);
        }
        return presigner.build();
    }
}
