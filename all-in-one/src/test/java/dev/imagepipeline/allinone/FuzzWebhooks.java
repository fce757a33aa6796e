package dev.imagepipeline.allinone;

import static dev.imagepipeline.allinone.HostileValues.any;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.imagepipeline.allinone.JsonMutations.Mutant;
import dev.imagepipeline.web.signing.SigningSecret;

/**
 * Inputs for the provider callbacks: signed deliveries with broken bodies, which get past the signature to the
 * format's checks, and deliveries whose signature headers are broken.
 */
final class FuzzWebhooks {

    static final String REPLICATE = "POST /api/webhook/replicate";
    static final String RELAY = "POST /api/webhook/{huggingface,stability}";

    private static final String OTHER_SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxw=";

    private final FuzzCorpus corpus;

    FuzzWebhooks(FuzzCorpus corpus) {
        this.corpus = corpus;
    }

    void generate() {
        String replicateSecret = corpus.fixtures().replicateSecret();
        corpus.repeat(210,
                () -> corpus.signed(REPLICATE, replicateTarget(), replicateSecret, corpus.broken(prediction())));
        corpus.repeat(45, () -> brokenSignature(REPLICATE, replicateTarget(), replicateSecret, prediction()));
        corpus.add(corpus.signed(REPLICATE, replicateTarget(), replicateSecret,
                Mutant.of("past the body size limit", prediction() + " ".repeat((1 << 20) + 1))));
        String relaySecret = corpus.fixtures().relaySecret();
        corpus.repeat(250, () -> corpus.signed(RELAY, relayTarget(), relaySecret, corpus.broken(relayed())));
        corpus.repeat(45, () -> brokenSignature(RELAY, relayTarget(), relaySecret, relayed()));
        corpus.add(corpus.signed(RELAY, relayTarget(), relaySecret,
                Mutant.of("past the body size limit", relayed() + " ".repeat(768 * 1024))));
    }

    private String replicateTarget() {
        var random = corpus.random();
        return switch (random.nextInt(8)) {
            case 0 -> "/api/webhook/replicate";
            case 1 -> "/api/webhook/replicate?job=" + corpus.id();
            case 2 -> "/api/webhook/replicate?job=" + corpus.fixtures().finishedJob();
            case 3 -> "/api/webhook/replicate?job=" + UUID.randomUUID() + "&job=" + UUID.randomUUID();
            default -> "/api/webhook/replicate?job=" + UUID.randomUUID();
        };
    }

    private String relayTarget() {
        return "/api/webhook/" + (corpus.random().nextBoolean() ? "huggingface" : "stability");
    }

    /** A prediction that has not produced files: no delivery makes the runner download anything. */
    private String prediction() {
        String status = any(corpus.random(), List.of("starting", "processing", "failed", "canceled"));
        return FuzzCorpus.PREDICTION.replace("\"processing\"", "\"" + status + "\"");
    }

    /** A relayed result for a job nobody submitted, as a relay could send by mistake. */
    private String relayed() {
        String job = UUID.randomUUID().toString();
        return switch (corpus.random().nextInt(3)) {
            case 0 -> """
                    {"job":"%s","status":"succeeded","model":"stable-image-core","seed":42,\
                    "images":[{"base64":"%s","contentType":"image/png"}]}""".formatted(job, FuzzCorpus.png());
            case 1 -> """
                    {"job":"%s","status":"processing","progress":{"step":3,"of":20}}""".formatted(job);
            default -> """
                    {"job":"%s","status":"failed","error":{"reason":"content_filtered","message":"filtered"}}"""
                    .formatted(job);
        };
    }

    /** A valid body whose delivery headers are missing, malformed, stale, replayed or signed with another key. */
    private FuzzRequest brokenSignature(String endpoint, String target, String secret, String body) {
        var signed = corpus.signedNow(endpoint, target, secret, Mutant.of("valid", body));
        var random = corpus.random();
        long now = Instant.now().getEpochSecond();
        return switch (random.nextInt(7)) {
            case 0 -> signed.without(any(random, List.of("webhook-id", "webhook-timestamp", "webhook-signature")))
                    .described("a signature header missing");
            case 1 -> corpus.withHeader(signed, "webhook-timestamp", List.of("abc", "-1", Long.toString(now - 3600),
                    Long.toString(now + 3600), "99999999999999999999", "1.5e9", " " + now, now + "000"));
            case 2 -> corpus.withHeader(signed, "webhook-signature", List.of("v1,", "v1,!!!", "v2,AAAA", "v1", ",",
                    "v1,AAAA v1,BBBB", "v1," + "A".repeat(8000), "v1a,=="));
            case 3 -> corpus.withHeader(signed, "webhook-id", List.of("x".repeat(5000), "another-id"));
            case 4 -> {
                String id = "fuzz-other-key";
                String timestamp = Long.toString(now);
                yield signed.without("webhook-signature")
                        .with("webhook-signature",
                                SigningSecret.parse(OTHER_SECRET).header(id, timestamp, FuzzCorpus.utf8(body)))
                        .described("signed with another key");
            }
            case 5 -> {
                var twice = corpus.signed(endpoint, target, secret, Mutant.of("a delivery sent twice", body));
                corpus.add(twice);
                yield twice;
            }
            default -> new FuzzRequest(endpoint, "unsigned", "POST", target, List.of(), FuzzCorpus.utf8(body), false)
                    .with("Content-Type", "application/json");
        };
    }
}
