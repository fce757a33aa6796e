package dev.imagepipeline.allinone;

import static dev.imagepipeline.allinone.HostileValues.any;

import java.util.List;
import java.util.Locale;

/**
 * Inputs for the image URLs, for paths and methods no endpoint has, and for requests that are not well-formed HTTP:
 * control characters in headers, lengths that lie, bodies cut short.
 */
final class FuzzOthers {

    static final String IMAGES = "GET /api/images/{key}";
    static final String ELSEWHERE = "other paths and methods";
    static final String MALFORMED = "malformed HTTP";

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS",
            "HEAD", "FOO", "PROPFIND", "get");

    private static final List<String> PATHS = List.of("/api", "/api/", "/api/generate/", "/api//generate",
            "/API/GENERATE", "/api/generate/x/y/z", "/api/catalogs/x/y/z", "/api/webhook/", "/api/webhook/unknown",
            "/api/webhook/Stability", "/api/webhook/stability/", "/api/prompt/", "/api/prompt/templates/x",
            "/api/images/", "/actuator/env", "/error", "/api/..;/generate", "/api/prompt/%2e%2e/generate",
            "/favicon.ico", "/.env", "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/api/generate;x=1",
            "/api/./generate", "/api/generate/%2fetc", "/%2e%2e/%2e%2e/etc/passwd", "/api/catalogs;/x");

    private final FuzzCorpus corpus;

    FuzzOthers(FuzzCorpus corpus) {
        this.corpus = corpus;
    }

    void generate() {
        images();
        elsewhere();
        malformed();
    }

    private void images() {
        String key = corpus.fixtures().imageKey();
        var variants = List.of(key.toUpperCase(Locale.ROOT), key + ".png", key.replace(".png", ""), "..%2F" + key,
                key + "/", key + "%00", "%2e%2e%2f" + key, key.replace(".png", ".jpg"), key + "?x=1",
                "0" + key.substring(1), key.replace(".png", ".exe"), key + ";x=1");
        variants.forEach(variant -> corpus.add(corpus.get(IMAGES, "/api/images/" + variant).described("key")));
        corpus.repeat(30, () -> corpus.get(IMAGES, "/api/images/" + corpus.id()).described("key"));
        corpus.repeat(8, () -> corpus.withAccept(corpus.get(IMAGES, "/api/images/" + key)));
        corpus.repeat(4, () -> corpus.withHeader(corpus.get(IMAGES, "/api/images/" + key), "Range",
                List.of("bytes=999999-", "bytes=-0", "bytes=a-b", "lines=1-2")));
    }

    private void elsewhere() {
        var f = corpus.fixtures();
        var endpoints = List.of("/api/generate", "/api/generate/" + f.finishedJob(),
                "/api/generate/" + f.finishedJob() + "/events", "/api/generate/" + f.finishedJob() + "/cancel",
                "/api/catalogs", "/api/catalogs/" + f.finishedCatalog(),
                "/api/catalogs/" + f.finishedCatalog() + "/results", "/api/catalogs/" + f.finishedCatalog() + "/events",
                "/api/catalogs/" + f.finishedCatalog() + "/cancel", "/api/prompt/generate", "/api/prompt/preview",
                "/api/prompt/templates", "/api/events", "/api/webhook/replicate", "/api/webhook/stability",
                "/api/images/" + f.imageKey());
        for (String path : endpoints) {
            for (int i = 0; i < 2; i++) {
                String method = any(corpus.random(), METHODS);
                corpus.add(corpus.request(ELSEWHERE, method, path, "", new byte[0]).described(method + " " + path));
            }
        }
        for (String path : PATHS) {
            String method = corpus.random().nextBoolean() ? "GET" : "POST";
            corpus.add(corpus.request(ELSEWHERE, method, path, "", new byte[0]).described(method + " " + path));
        }
    }

    private void malformed() {
        var templates = corpus.get(MALFORMED, "/api/prompt/templates");
        var submit = corpus.request(MALFORMED, "POST", "/api/generate", "application/json",
                FuzzCorpus.utf8(FuzzCorpus.GENERATE));
        for (String value : List.of("a\u0000b", "a\u0001b", "a\u001bb", "a\rb", "a\u007fb")) {
            corpus.add(templates.with("X-Fuzz", value).described("control character in a header"));
            corpus.add(submit.with("Idempotency-Key", value).described("control character in Idempotency-Key"));
        }
        corpus.add(templates.with("Bad Header", "x").described("space in a header name"));
        corpus.add(templates.with("", "x").described("empty header name"));
        corpus.add(templates.with("X-Folded", "a\r\n  folded").described("obsolete line folding"));
        corpus.add(templates.with("X-Big", "b".repeat(20_000)).described("a 20 kB header"));
        var many = templates;
        for (int i = 0; i < 150; i++) {
            many = many.with("X-Many-" + i, "v");
        }
        corpus.add(many.described("150 headers"));
        corpus.add(corpus.get(MALFORMED, "/api/generate/" + "p".repeat(20_000)).described("a 20 kB path"));
        corpus.add(corpus.get(MALFORMED, "/api/prompt/templates#fragment").described("a fragment"));
        corpus.add(corpus.get(MALFORMED, "http://fuzz.invalid/api/prompt/templates").described("absolute form"));
        corpus.add(corpus.get(MALFORMED, "/api/generate/" + HostileValues.utf8("ü")).described("raw UTF-8 in a path"));
        for (String host : List.of("", "a b", "fuzz.invalid:99999", "[::1")) {
            corpus.add(templates.with("Host", host).described("Host: " + host));
        }
        bodies();
    }

    /** Bodies whose framing lies: a length longer or shorter than what follows, broken chunks, unknown codings. */
    private void bodies() {
        byte[] partial = FuzzCorpus.utf8("{\"description\":\"mug\",");
        byte[] partialChunk = FuzzCorpus.utf8("3e8\r\n{\"description\":\"mug\",");
        for (String target : List.of("/api/generate", "/api/prompt/preview", "/api/catalogs", "/api/webhook/stability",
                "/api/webhook/replicate?job=00000000-0000-0000-0000-000000000000")) {
            var cut = corpus.request(MALFORMED, "POST", target, "application/json", partial).halfClosed();
            corpus.add(cut.with("Content-Length", "1000").described("a body shorter than its Content-Length"));
            corpus.add(new FuzzRequest(MALFORMED, "a chunk shorter than its size", "POST", target, cut.headers(),
                    partialChunk, true).with("Transfer-Encoding", "chunked"));
        }
        var json = corpus.request(MALFORMED, "POST", "/api/generate", "application/json", FuzzCorpus.utf8("{}"))
                .halfClosed();
        corpus.add(json.with("Transfer-Encoding", "chunked").described("a chunk size that is no number"));
        corpus.add(json.with("Content-Length", "-1").described("Content-Length: -1"));
        corpus.add(json.with("Content-Length", "abc").described("Content-Length: abc"));
        corpus.add(json.with("Content-Length", "2").with("Content-Length", "3").described("two Content-Lengths"));
        corpus.add(json.with("Content-Length", "2")
                .with("Transfer-Encoding", "chunked")
                .described("Content-Length and Transfer-Encoding"));
        corpus.add(json.with("Content-Encoding", "gzip").described("Content-Encoding: gzip, not gzipped"));
        corpus.add(json.with("Expect", "100-continue").described("Expect: 100-continue"));
        corpus.add(json.with("Expect", "fuzz").described("Expect: fuzz"));
    }
}
