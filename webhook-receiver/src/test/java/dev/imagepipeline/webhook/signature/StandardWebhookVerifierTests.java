package dev.imagepipeline.webhook.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagepipeline.web.signing.SigningSecret;
import dev.imagepipeline.webhook.signature.SecretSource.Lookup.Unavailable;
import dev.imagepipeline.webhook.signature.Verification.Postponed;
import dev.imagepipeline.webhook.signature.Verification.Reason;
import dev.imagepipeline.webhook.signature.Verification.Rejected;
import dev.imagepipeline.webhook.signature.Verification.Verified;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the verifier against the self-made vector in {@code replicate/webhook-signature-vector.json}. */
class StandardWebhookVerifierTests {

    private static final JsonNode vector = json("/replicate/webhook-signature-vector.json");
    private static final SigningSecret SECRET = SigningSecret.parse(vector.get("secret").stringValue());
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Instant VALID_AT = Instant.ofEpochSecond(vector.get("valid_at_now_epoch_seconds").asLong());
    private static final String ID = vector.at("/headers/webhook-id").stringValue();
    private static final String TIMESTAMP = vector.at("/headers/webhook-timestamp").stringValue();
    private static final String SIGNATURE = vector.at("/headers/webhook-signature").stringValue();
    private static final byte[] BODY = utf8(vector.get("body").stringValue());

    @Test
    void acceptsTheVectorAtItsValidTime() {
        assertThat(verifierAt(VALID_AT).verify(new WebhookHeaders(ID, TIMESTAMP, SIGNATURE), BODY))
                .isInstanceOf(Verified.class);
    }

    @Test
    void acceptsTheHeadersReplicateSends() {
        var sent = json("/replicate/webhook-headers.json");
        var headers = new WebhookHeaders(sent.get("webhook-id").stringValue(),
                sent.get("webhook-timestamp").stringValue(), sent.get("webhook-signature").stringValue());

        assertThat(verifierAt(VALID_AT).verify(headers, BODY)).isInstanceOf(Verified.class);
    }

    @Test
    void producesTheVectorsExpectedSignature() {
        assertThat(SIGNATURE).isEqualTo(vector.get("expected_signature").stringValue());
        assertThat(new String(BODY, StandardCharsets.UTF_8))
                .isEqualTo(vector.get("signed_content").stringValue().substring((ID + "." + TIMESTAMP + ".").length()));
    }

    @Test
    void acceptsSeveralSignaturesWhenAnyOneMatches() {
        String several = vector.get("multi_signature_header_example").stringValue();

        assertThat(verifierAt(VALID_AT).verify(new WebhookHeaders(ID, TIMESTAMP, several), BODY))
                .isInstanceOf(Verified.class);
    }

    @Test
    void skipsEntriesOfOtherVersionsAndBrokenBase64() {
        var verifier = verifierAt(VALID_AT);

        assertThat(verifier.verify(new WebhookHeaders(ID, TIMESTAMP, "v1a,abc v1,%%% " + SIGNATURE), BODY))
                .isInstanceOf(Verified.class);
        assertThat(
                verifier.verify(new WebhookHeaders(ID, TIMESTAMP, "v1a,abc v1,%%% v2," + SIGNATURE.substring(3)), BODY))
                .isEqualTo(new Rejected(Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void rejectsATamperedBody() {
        var tampered = vector.at("/negative_cases/tampered_body");

        assertThat(verifierAt(VALID_AT).verify(new WebhookHeaders(ID, TIMESTAMP, SIGNATURE),
                utf8(tampered.get("body").stringValue()))).isEqualTo(new Rejected(Reason.NO_MATCHING_SIGNATURE));
        assertThat(tampered.get("must_verify").asBoolean()).isFalse();
    }

    @Test
    void acceptsTheTamperedBodyOnlyWithItsOwnSignature() {
        var tampered = vector.at("/negative_cases/tampered_body");
        var ownSignature = tampered.get("signature_of_tampered_body_for_reference").stringValue();

        assertThat(verifierAt(VALID_AT).verify(new WebhookHeaders(ID, TIMESTAMP, ownSignature),
                utf8(tampered.get("body").stringValue()))).isInstanceOf(Verified.class);
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        var otherSecret = SigningSecret.parse(vector.at("/negative_cases/wrong_secret/secret").stringValue());
        var verifier = new StandardWebhookVerifier(SecretSource.of(otherSecret), TOLERANCE, fixedAt(VALID_AT));

        assertThat(verifier.verify(new WebhookHeaders(ID, TIMESTAMP, SIGNATURE), BODY))
                .isEqualTo(new Rejected(Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void rejectsEveryCallbackWithoutASecret() {
        var verifier = new StandardWebhookVerifier(SecretSource.none(), TOLERANCE, fixedAt(VALID_AT));

        assertThat(verifier.verify(new WebhookHeaders(ID, TIMESTAMP, SIGNATURE), BODY))
                .isEqualTo(new Rejected(Reason.NO_SECRET));
    }

    @Test
    void postponesTheVerdictWhileTheSecretIsUnavailable() {
        var verifier = new StandardWebhookVerifier(() -> new Unavailable(Duration.ofSeconds(12)), TOLERANCE,
                fixedAt(VALID_AT));

        assertThat(verifier.verify(new WebhookHeaders(ID, TIMESTAMP, SIGNATURE), BODY))
                .isEqualTo(new Postponed(Duration.ofSeconds(12)));
    }

    @Test
    void asksForTheSecretOnlyForACompleteAndFreshCallback() {
        var lookups = new AtomicInteger();
        var verifier = new StandardWebhookVerifier(() -> {
            lookups.incrementAndGet();
            return new Unavailable(Duration.ofSeconds(30));
        }, TOLERANCE, fixedAt(VALID_AT));

        assertThat(verifier.verify(new WebhookHeaders(ID, null, SIGNATURE), BODY))
                .isEqualTo(new Rejected(Reason.MISSING_HEADERS));
        assertThat(verifier.verify(new WebhookHeaders(ID, "1", SIGNATURE), BODY))
                .isEqualTo(new Rejected(Reason.STALE_TIMESTAMP));
        assertThat(lookups).hasValue(0);
    }

    @Nested
    class Timestamps {

        private final Instant signedAt = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

        @Test
        void rejectsTheVectorsStaleTimestamp() {
            var stale = vector.at("/negative_cases/stale_timestamp");
            var verifier = new StandardWebhookVerifier(SecretSource.of(SECRET),
                    Duration.ofSeconds(stale.get("tolerance_seconds").asLong()),
                    fixedAt(Instant.ofEpochSecond(stale.get("now_epoch_seconds").asLong())));

            assertThat(verifier.verify(new WebhookHeaders(ID, TIMESTAMP, SIGNATURE), BODY))
                    .isEqualTo(new Rejected(Reason.STALE_TIMESTAMP));
        }

        @Test
        void rejectsATimestampFurtherInTheFutureThanTheTolerance() {
            var verifier = verifierAt(signedAt.minus(TOLERANCE).minusSeconds(1));

            assertThat(verifier.verify(new WebhookHeaders(ID, TIMESTAMP, SIGNATURE), BODY))
                    .isEqualTo(new Rejected(Reason.FUTURE_TIMESTAMP));
        }

        @Test
        void acceptsTimestampsRightAtTheToleranceEitherWay() {
            var headers = new WebhookHeaders(ID, TIMESTAMP, SIGNATURE);

            assertThat(verifierAt(signedAt.plus(TOLERANCE)).verify(headers, BODY)).isInstanceOf(Verified.class);
            assertThat(verifierAt(signedAt.minus(TOLERANCE)).verify(headers, BODY)).isInstanceOf(Verified.class);
        }

        @Test
        void rejectsATimestampThatIsNotUnixSeconds() {
            var verifier = verifierAt(VALID_AT);

            assertThat(verifier.verify(new WebhookHeaders(ID, "2026-01-01T00:00:00Z", SIGNATURE), BODY))
                    .isEqualTo(new Rejected(Reason.MALFORMED_TIMESTAMP));
            assertThat(verifier.verify(new WebhookHeaders(ID, "99999999999999999999", SIGNATURE), BODY))
                    .isEqualTo(new Rejected(Reason.MALFORMED_TIMESTAMP));
        }
    }

    static Stream<Arguments> incompleteHeaders() {
        return Stream.of(Arguments.of("no webhook-id", new WebhookHeaders(null, TIMESTAMP, SIGNATURE)),
                Arguments.of("no webhook-timestamp", new WebhookHeaders(ID, null, SIGNATURE)),
                Arguments.of("no webhook-signature", new WebhookHeaders(ID, TIMESTAMP, null)),
                Arguments.of("blank webhook-signature", new WebhookHeaders(ID, TIMESTAMP, "  ")),
                Arguments.of("no headers at all", new WebhookHeaders(null, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteHeaders")
    void rejectsACallbackWithoutAllThreeHeaders(String scenario, WebhookHeaders headers) {
        assertThat(verifierAt(VALID_AT).verify(headers, BODY)).isEqualTo(new Rejected(Reason.MISSING_HEADERS));
    }

    @Test
    void keepsTheSignatureOutOfTheHeadersText() {
        assertThat(new WebhookHeaders(ID, TIMESTAMP, SIGNATURE).toString()).contains(ID)
                .doesNotContain(SIGNATURE.substring(3));
    }

    private static StandardWebhookVerifier verifierAt(Instant now) {
        return new StandardWebhookVerifier(SecretSource.of(SECRET), TOLERANCE, fixedAt(now));
    }

    private static Clock fixedAt(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String resource) {
        try (InputStream in = StandardWebhookVerifierTests.class.getResourceAsStream(resource)) {
            return JsonMapper.builder().build().readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
