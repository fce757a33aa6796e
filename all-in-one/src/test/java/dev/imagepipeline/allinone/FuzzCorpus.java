package dev.imagepipeline.allinone;

import static dev.imagepipeline.allinone.HostileValues.any;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import dev.imagepipeline.allinone.JsonMutations.Mutant;
import dev.imagepipeline.web.signing.SigningSecret;

/**
 * Every input the fuzz sends, endpoint by endpoint, generated from one seed: valid requests with their bodies, headers,
 * paths or queries broken. The same seed and fixtures give the same requests, but for webhook timestamps.
 */
final class FuzzCorpus {

    static final String GENERATE = """
            {"description":"ceramic pour-over coffee dripper, matte black","additionalContext":"hand-glazed",\
            "category":"kitchenware","style":"studio","marketplace":"web_shop_square","provider":"local",\
            "settings":{"num_images":1,"resolution":"512x512","guidance_scale":7.5,"seed":42}}""";

    /** An image's record sent back to make it again, as a job's answer gives it. */
    static final String REPRODUCE = """
            {"reproduce":{"description":"ceramic pour-over coffee dripper","category":"kitchenware",\
            "style":"white_background","marketplace":"amazon_main","autofix":true,"provider":"local","model":"preview",\
            "prompt":"Professional product photograph of a ceramic pour-over coffee dripper, pure white background",\
            "negativePrompt":"text overlay, props","settings":{"width":512,"height":512,"numImages":1,\
            "guidanceScale":7.5,"numInferenceSteps":30,"seed":42},"providerInput":{"width":512,"height":512},\
            "seed":42,"index":0,"warnings":[],"cost":{"usd":0,"basis":"local"}}}""";

    static final String PROMPT = """
            {"description":"linen tote bag, natural","additionalContext":"long handles","category":"apparel",\
            "style":"lifestyle","marketplace":"amazon_main","provider":"local","model":"preview",\
            "settings":{"resolution":"768x768","guidance_scale":6.5}}""";

    static final String PREVIEW = """
            {"description":"brass desk lamp","category":"home_decor","style":"minimal",\
            "targets":[{"provider":"local"},{"provider":"replicate","model":"flux-schnell"}],\
            "settings":{"resolution":"1024x1024"}}""";

    static final String PREDICTION = """
            {"id":"q6w3k9r2hdrm80cm1b2tzx4a7c","model":"black-forest-labs/flux-schnell","version":"hidden",\
            "input":{"prompt":"mug","num_outputs":1,"output_format":"webp"},"status":"processing","output":null,\
            "error":null,"logs":"Using seed: 4242","metrics":{},"created_at":"2026-01-01T00:00:00.123456Z"}""";

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
            "application/json; charset=utf-16", "application/json; charset=bogus", "application/json;;;",
            "application/json, text/plain", "*/*", "application/*", "json", "", "application/problem+json",
            "application/merge-patch+json", "text/json", "application/x-ndjson", "text/csv", "application/octet-stream",
            "application/json; boundary=\"", "APPLICATION/JSON", "application/json\t", "image/png");

    private static final List<String> ACCEPTS = List.of("", "garbage///", "*/*;q=abc", "application/xml", "text/html",
            "image/png", "text/event-stream", "application/json;q=0", "application/*+json", ",,,", "text/csv",
            "a/b,".repeat(1500), "application/problem+json", "*/*;q=0", "application/json; charset=latin-1");

    private static final List<String> WAITS = List.of("", "abc", "-1s", "61s", "1h", "PT1S", "99999999999999999999s",
            "1e3", "0", "0.5s", "30%20s", "%201s", "1s&wait=2s", "1ms", "-0s", "1d", "%00", "60001ms", "1.5", "NaN",
            "9223372036854775807ns", "P1D", "1S", "2", "%FF", "1s%0d%0a");

    private static final List<String> PREFERS = List.of("wait=abc", "wait=-1", "wait=99999999999999999999", "wait=1.5",
            "wait", "wait=", "return=minimal", "respond-async, wait=abc", "wait=\"x\"", "WAIT=x", "wait=1;wait=2",
            "handling=strict", "x".repeat(5000), "wait=0", "wait=1");

    private final Random random;
    private final Fixtures fixtures;
    private final JsonMutations json;
    private final CatalogMutations catalogs;
    private final List<FuzzRequest> requests = new ArrayList<>();
    private int deliveries;

    /** What exists before the fuzz starts, so that inputs can name real jobs, catalogs and images too. */
    record Fixtures(String apiKey, String otherKey, String finishedJob, String finishedCatalog, String imageKey,
            String relaySecret, String replicateSecret) {
    }

    private FuzzCorpus(long seed, Fixtures fixtures) {
        this.random = new Random(seed);
        this.fixtures = fixtures;
        this.json = new JsonMutations(random);
        this.catalogs = new CatalogMutations(random);
    }

    static List<FuzzRequest> generate(long seed, Fixtures fixtures) {
        var corpus = new FuzzCorpus(seed, fixtures);
        new FuzzJobs(corpus).generate();
        new FuzzCatalogs(corpus).generate();
        new FuzzPrompts(corpus).generate();
        new FuzzWebhooks(corpus).generate();
        new FuzzOthers(corpus).generate();
        return List.copyOf(corpus.requests);
    }

    Random random() {
        return random;
    }

    Fixtures fixtures() {
        return fixtures;
    }

    JsonMutations json() {
        return json;
    }

    CatalogMutations catalogs() {
        return catalogs;
    }

    void add(FuzzRequest request) {
        requests.add(request);
    }

    void repeat(int times, Supplier<FuzzRequest> input) {
        for (int i = 0; i < times; i++) {
            add(input.get());
        }
    }

    /** A request as a well-behaved client of the endpoint sends it: its key, and JSON when it has a body. */
    FuzzRequest request(String endpoint, String method, String target, String contentType, byte[] body) {
        var request = new FuzzRequest(endpoint, "valid", method, target, List.of(), body, false).with("Authorization",
                "Bearer " + fixtures.apiKey());
        return contentType.isEmpty() ? request : request.with("Content-Type", contentType);
    }

    FuzzRequest get(String endpoint, String target) {
        return request(endpoint, "GET", target, "", new byte[0]);
    }

    FuzzRequest post(String endpoint, String target, Mutant body) {
        return request(endpoint, "POST", target, "application/json", body.body()).described(body.input());
    }

    Mutant valid(String body) {
        return Mutant.of("valid", body);
    }

    /** A body broken one way; now and then the valid body itself, as a control. */
    Mutant broken(String valid) {
        return random.nextInt(25) == 0 ? valid(valid) : json.mutate(valid);
    }

    /** The same request with one header broken: a hostile value for it, or a value it does not take. */
    FuzzRequest withHeader(FuzzRequest request, String name, List<String> values) {
        String value = random.nextInt(3) == 0 ? any(random, HostileValues.HEADERS) : any(random, values);
        return request.without(name).with(name, value).described(name + ": " + value);
    }

    FuzzRequest withContentType(FuzzRequest request) {
        if (random.nextInt(6) == 0) {
            return request.without("Content-Type").described("no Content-Type");
        }
        return withHeader(request, "Content-Type", CONTENT_TYPES);
    }

    FuzzRequest withAccept(FuzzRequest request) {
        return withHeader(request, "Accept", ACCEPTS);
    }

    /** Another client's key, a key that is no key, or none. */
    FuzzRequest withAuthorization(FuzzRequest request) {
        var keys = List.of("Bearer", "Bearer ", "Bearer k-wrong-0000000000000000", "Basic ZnV6ejpmdXp6",
                "bearer " + fixtures.apiKey(), "Bearer " + fixtures.apiKey() + " extra",
                "Bearer " + fixtures.otherKey(), "Bearer " + "k".repeat(7000), "Bearer é" + fixtures.apiKey(),
                "Bearer\t" + fixtures.apiKey(), "Bearer " + fixtures.apiKey().toUpperCase(Locale.ROOT),
                "Token " + fixtures.apiKey(), fixtures.apiKey());
        if (random.nextInt(5) == 0) {
            return request.without("Authorization").described("no Authorization");
        }
        return withHeader(request, "Authorization", keys);
    }

    FuzzRequest withPrefer(FuzzRequest request) {
        return withHeader(request, "Prefer", PREFERS);
    }

    String waitQuery() {
        return any(random, WAITS);
    }

    /** A path segment in place of an id: one that is no id, or the id of nothing. */
    String id() {
        return random.nextInt(4) == 0 ? UUID.randomUUID().toString() : any(random, HostileValues.IDS);
    }

    /** A webhook delivery signed as it is sent: what a sender holding the secret could send, whatever its body. */
    FuzzRequest signed(String endpoint, String target, String secret, Mutant body) {
        return new FuzzRequest(endpoint, body.input(), "POST", target, List.of(), body.body(), false)
                .with("Content-Type", "application/json")
                .with("webhook-id", "fuzz-delivery-" + ++deliveries)
                .signed(secret);
    }

    /** A delivery signed now, whose signature headers can then be broken. */
    FuzzRequest signedNow(String endpoint, String target, String secret, Mutant body) {
        var request = signed(endpoint, target, secret, body);
        String id = "fuzz-delivery-" + deliveries;
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return new FuzzRequest(endpoint, body.input(), "POST", target, request.headers(), body.body(), false)
                .with("webhook-timestamp", timestamp)
                .with("webhook-signature", SigningSecret.parse(secret).header(id, timestamp, body.body()));
    }

    static String png() {
        return Base64.getEncoder().encodeToString(RunnerClient.png(8));
    }

    /** The body in one chunk, as {@code Transfer-Encoding: chunked} frames it: no length announced up front. */
    static byte[] chunked(String body) {
        byte[] bytes = utf8(body);
        return utf8(Integer.toHexString(bytes.length) + "\r\n" + body + "\r\n0\r\n\r\n");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
