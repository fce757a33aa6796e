package dev.imagepipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class IngestApiSettingsTests {

    @Test
    void offersTheLocalRendererAloneWithoutCredentials() {
        assertThat(new IngestApiSettings(List.of(), List.of()).providers(new MockEnvironment()))
                .containsExactly("local");
    }

    @Test
    void offersEachVendorWhoseCredentialIsSetAsGenerationWorkerDoes() {
        var environment = new MockEnvironment().withProperty("STABILITY_API_KEY", "sk-test")
                .withProperty("pipeline.generation-worker.replicate.api-token", "r8_test")
                .withProperty("HUGGINGFACE_API_TOKEN", " ");

        assertThat(new IngestApiSettings(List.of(), List.of()).providers(environment)).containsExactly("local",
                "replicate", "stability");
    }

    @Test
    void offersExactlyTheConfiguredProviders() {
        var environment = new MockEnvironment().withProperty("REPLICATE_API_TOKEN", "r8_test");

        assertThat(new IngestApiSettings(List.of("huggingface"), List.of()).providers(environment))
                .containsExactly("huggingface");
    }
}
