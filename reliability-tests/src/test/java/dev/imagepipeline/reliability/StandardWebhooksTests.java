package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The stub signs its webhooks as Replicate does: checked against a published Standard Webhooks test vector. */
class StandardWebhooksTests {

    private static final String SECRET = "whsec_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8=";
    private static final String BODY = """
            {"id":"q6w3k9r2hdrm80cm1b2tzx4a7c","status":"succeeded",\
            "output":["https://replicate.delivery/xezq/example-out-0.webp"],"error":null}""";

    @Test
    void signsIdTimestampAndBodyWithTheSecretsKey() {
        assertThat(StandardWebhooks.signature(SECRET, "msg_2pVq8kTestVector0001", 1767225600L,
                BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo("v1,bvtMgXypXB1EVqMMzaWPtvlt7pd2XqwqHNbped6gVu0=");
    }

    @Test
    void signsAnotherBodyOtherwise() {
        assertThat(StandardWebhooks.signature(SECRET, "msg_2pVq8kTestVector0001", 1767225600L,
                (BODY + " ").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,Av2oBNyaLBMqa1vqN/lSXANGdxRWjKmOaFoTyUjbou0=");
    }
}
