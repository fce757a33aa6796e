package dev.imagepipeline.notifier.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.imagepipeline.web.signing.SigningSecret;

class WebhookSignerTests {

    /** The Standard Webhooks vector the project keeps for Replicate's callbacks: the same scheme both ways. */
    static final String VECTOR_SECRET = "whsec_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8=";
    private static final String VECTOR_BODY = "{\"id\":\"q6w3k9r2hdrm80cm1b2tzx4a7c\",\"status\":\"succeeded\","
            + "\"output\":[\"https://replicate.delivery/xezq/example-out-0.webp\"],\"error\":null}";

    private final WebhookSigner signer = new WebhookSigner(SigningSecret.parse(VECTOR_SECRET), Map.of());

    @Test
    void signsAsTheStandardWebhooksVectorSays() {
        assertThat(signer.signature(null, "msg_2pVq8kTestVector0001", 1767225600L,
                VECTOR_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,bvtMgXypXB1EVqMMzaWPtvlt7pd2XqwqHNbped6gVu0=");
    }

    @Test
    void signsAsAnIndependentHmacDoes() {
        byte[] body = "{\"type\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(signer.signature(null, "msg_1", 1700000000L, body))
                .isEqualTo(Signatures.expected(VECTOR_SECRET, "msg_1", "1700000000", body));
    }

    @Test
    void signsWithAClientsOwnKeyWhenItHasOne() {
        String clientSecret = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        var perClient = new WebhookSigner(SigningSecret.parse(VECTOR_SECRET),
                Map.of("acme", SigningSecret.parse(clientSecret)));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(perClient.signature("acme", "msg_1", 1L, body))
                .isEqualTo(Signatures.expected(clientSecret, "msg_1", "1", body));
        assertThat(perClient.signature("other", "msg_1", 1L, body))
                .isEqualTo(Signatures.expected(VECTOR_SECRET, "msg_1", "1", body));
    }

    @Test
    void readsASecretWithoutItsPrefix() {
        var unprefixed = new WebhookSigner(SigningSecret.parse(VECTOR_SECRET.substring("whsec_".length())), Map.of());
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(unprefixed.signature(null, "msg_1", 1L, body)).isEqualTo(signer.signature(null, "msg_1", 1L, body));
    }

    @Test
    void neverPrintsOrQuotesASecret() {
        assertThat(SigningSecret.parse(VECTOR_SECRET)).hasToString("whsec_******");
        assertThatThrownBy(() -> SigningSecret.parse("whsec_not*base64!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> SigningSecret.parse("whsec_")).isInstanceOf(IllegalArgumentException.class);
    }
}
