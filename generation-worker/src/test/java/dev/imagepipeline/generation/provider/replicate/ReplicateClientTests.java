package dev.imagepipeline.generation.provider.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.ID;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.PREDICTION_PATH;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.generation.provider.TestImages;
import dev.imagepipeline.generation.provider.VendorAccess;

/** The client's own calls: canceling a prediction, and downloading files with the token only from Replicate. */
class ReplicateClientTests {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ReplicateStubs replicate;
    private ReplicateClient client;

    @BeforeEach
    void connect() {
        replicate = new ReplicateStubs(server);
        var access = new VendorAccess(URI.create(server.baseUrl()), TOKEN, Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        client = new ReplicateClient(access, new FakePollingClock());
    }

    @Test
    void cancelsAPrediction() {
        replicate.cancels();

        var canceled = client.cancel(ID);

        assertThat(canceled.id()).isEqualTo(ID);
        assertThat(canceled.status()).isEqualTo(Prediction.Status.CANCELED);
        server.verify(postRequestedFor(urlPathEqualTo(PREDICTION_PATH + "/cancel")).withHeader("Authorization",
                equalTo("Bearer " + TOKEN)));
    }

    @Test
    void cancelsAPredictionThatHasAlreadyEndedWithoutFailing() {
        replicate.cancels();

        client.cancel(ID);
        var again = client.cancel(ID);

        assertThat(again.status()).isEqualTo(Prediction.Status.CANCELED);
        server.verify(2, postRequestedFor(urlPathEqualTo(PREDICTION_PATH + "/cancel")));
    }

    @Test
    void readsAPrediction() {
        replicate.polled("prediction-succeeded.json");

        var prediction = client.get(ID);

        assertThat(prediction.status()).isEqualTo(Prediction.Status.SUCCEEDED);
        assertThat(prediction.metrics()).isNotNull().extracting(Prediction.Metrics::predictTime).isEqualTo(0.912);
        assertThat(prediction.output()).isNotNull();
    }

    @Test
    void sendsTheTokenWhenDownloadingFromReplicatesOwnHost() {
        var file = client.download(URI.create(server.baseUrl() + "/xezq/example-out-0.webp"));

        assertThat(file.bytes()).isEqualTo(TestImages.png(64, 48));
        assertThat(file.contentType()).hasToString("image/png");
        server.verify(getRequestedFor(urlPathEqualTo("/xezq/example-out-0.webp")).withHeader("Authorization",
                equalTo("Bearer " + TOKEN)));
    }

    @Test
    void keepsTheTokenFromAnyOtherHost() {
        server.stubFor(get(urlPathEqualTo("/elsewhere.png")).willReturn(aResponse().withBody(new byte[]{1})));

        // 127.0.0.1 is the same server under another host name than the API's "localhost".
        client.download(URI.create("http://127.0.0.1:" + server.getPort() + "/elsewhere.png"));

        server.verify(getRequestedFor(urlPathEqualTo("/elsewhere.png")).withoutHeader("Authorization"));
    }
}
