package dev.imagepipeline.allinone;

import static dev.imagepipeline.allinone.HostileValues.any;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.imagepipeline.allinone.JsonMutations.Mutant;

/** Inputs for a single job's endpoints: submitting it, reading it, streaming it and canceling it. */
final class FuzzJobs {

    static final String SUBMIT = "POST /api/generate";
    static final String STATUS = "GET /api/generate/{id}";
    static final String EVENTS = "GET /api/generate/{id}/events";
    static final String CANCEL = "POST /api/generate/{id}/cancel";
    static final String LIVE = "GET /api/events";
    static final String USAGE = "GET /api/usage";

    private static final List<String> IDEMPOTENCY_KEYS = List.of("fuzz-key-1", "fuzz-key-1", "key with spaces",
            "k".repeat(200), "k".repeat(201), "k".repeat(10_000), "é", HostileValues.utf8("ключ"), "tab\there",
            "\u0001", " ", "");

    private static final List<String> LAST_EVENT_IDS = List.of("0", "1", "-1", "5", "99999999999999999999",
            "9223372036854775807", "-9223372036854775808", "1e3", "0x10", " 7 ", "abc", "3.5");

    private final FuzzCorpus corpus;

    FuzzJobs(FuzzCorpus corpus) {
        this.corpus = corpus;
    }

    void generate() {
        submissions();
        statuses();
        events();
        cancellations();
        live();
        usage();
    }

    private void submissions() {
        corpus.repeat(450, () -> submit(corpus.broken(FuzzCorpus.GENERATE)));
        corpus.repeat(25, () -> corpus.withContentType(submit(corpus.valid(FuzzCorpus.GENERATE))));
        corpus.repeat(120, () -> submit(corpus.broken(FuzzCorpus.REPRODUCE)));
        corpus.repeat(5, () -> submit(corpus.valid(FuzzCorpus.REPRODUCE)));
        corpus.repeat(20, () -> corpus.withAccept(submit(corpus.json().mutate(FuzzCorpus.GENERATE))));
        corpus.repeat(5, () -> corpus.withAccept(submit(corpus.valid(FuzzCorpus.GENERATE))));
        corpus.repeat(25, () -> corpus.withAuthorization(submit(corpus.broken(FuzzCorpus.GENERATE))));
        corpus.repeat(30, () -> corpus.withHeader(submit(corpus.broken(FuzzCorpus.GENERATE)), "Idempotency-Key",
                IDEMPOTENCY_KEYS));
        corpus.repeat(25, () -> corpus.withPrefer(submit(corpus.json().mutate(FuzzCorpus.GENERATE))));
        corpus.repeat(5, () -> corpus.withPrefer(submit(corpus.valid(FuzzCorpus.GENERATE))));
        // A body far beyond any limit: a valid request padded, and one huge field.
        corpus.add(submit(Mutant.of("1 MB of whitespace", FuzzCorpus.GENERATE + " ".repeat(1 << 20))));
        corpus.add(submit(
                Mutant.of("2 MB description", FuzzCorpus.GENERATE.replace("ceramic pour-over", "x".repeat(2 << 20)))));
        corpus.add(corpus
                .request(SUBMIT, "POST", "/api/generate", "application/json",
                        FuzzCorpus.chunked(FuzzCorpus.GENERATE + " ".repeat(1 << 20)))
                .with("Transfer-Encoding", "chunked")
                .described("1 MB, chunked"));
    }

    private FuzzRequest submit(Mutant body) {
        return corpus.post(SUBMIT, "/api/generate", body);
    }

    private void statuses() {
        String finished = corpus.fixtures().finishedJob();
        corpus.repeat(45, () -> corpus.get(STATUS, "/api/generate/" + corpus.id()).described("id"));
        corpus.repeat(45, () -> {
            String wait = corpus.waitQuery();
            String job = corpus.random().nextBoolean() ? finished : UUID.randomUUID().toString();
            return corpus.get(STATUS, "/api/generate/" + job + "?wait=" + wait).described("wait=" + wait);
        });
        for (String query : List.of("?wait", "?wait=&wait=", "?x=1", "?" + "a".repeat(5000), "?%", "?wait=1s#x",
                "?=&=&", "?wait[]=1")) {
            corpus.add(corpus.get(STATUS, "/api/generate/" + finished + query).described("query " + query));
        }
        corpus.repeat(10, () -> corpus.withAccept(corpus.get(STATUS, "/api/generate/" + finished)));
        corpus.repeat(10, () -> corpus.withAuthorization(corpus.get(STATUS, "/api/generate/" + finished)));
        corpus.add(corpus.get(STATUS, "/api/generate/" + finished.toUpperCase(Locale.ROOT)).described("upper-case id"));
        corpus.add(corpus.get(STATUS, "/api/generate/" + finished + "/").described("trailing slash"));
    }

    private void events() {
        String finished = corpus.fixtures().finishedJob();
        String stream = "/api/generate/" + finished + "/events";
        corpus.repeat(30, () -> corpus.get(EVENTS, "/api/generate/" + corpus.id() + "/events").described("id"));
        corpus.repeat(35, () -> corpus.withHeader(corpus.get(EVENTS, stream), "Last-Event-ID", LAST_EVENT_IDS));
        corpus.repeat(15, () -> corpus.withAccept(corpus.get(EVENTS, stream)));
        corpus.repeat(5, () -> corpus.withAuthorization(corpus.get(EVENTS, stream)));
    }

    private void live() {
        corpus.repeat(20, () -> {
            String catalog = corpus.id();
            return corpus.get(LIVE, "/api/events?catalog=" + catalog).described("catalog=" + catalog);
        });
        corpus.repeat(8, () -> corpus.withAccept(corpus.get(LIVE, "/api/events")));
        corpus.repeat(5, () -> corpus.withAuthorization(corpus.get(LIVE, "/api/events")));
        corpus.add(corpus.get(LIVE, "/api/events?catalog=" + corpus.fixtures().finishedCatalog()).described("valid"));
    }

    private void usage() {
        for (String query : List.of("", "?client=other", "?month=2026-13", "?" + "a".repeat(5000), "?%", "?x[]=1")) {
            corpus.add(corpus.get(USAGE, "/api/usage" + query).described("query " + query));
        }
        corpus.repeat(8, () -> corpus.withAccept(corpus.get(USAGE, "/api/usage")));
        corpus.repeat(8, () -> corpus.withAuthorization(corpus.get(USAGE, "/api/usage")));
        corpus.repeat(4, () -> corpus.withContentType(corpus.post(USAGE, "/api/usage", corpus.valid("{}"))));
    }

    private void cancellations() {
        String finished = corpus.fixtures().finishedJob();
        corpus.repeat(30, () -> cancel(corpus.id()).described("id"));
        corpus.repeat(5, () -> cancel(finished).described("a completed job"));
        corpus.repeat(10, () -> {
            var body = corpus.json().mutate(FuzzCorpus.GENERATE);
            var request = new FuzzRequest(CANCEL, "body " + body.input(), "POST",
                    "/api/generate/" + UUID.randomUUID() + "/cancel", List.of(), body.body(), false);
            return request.with("Authorization", "Bearer " + corpus.fixtures().apiKey());
        });
        corpus.repeat(5, () -> corpus.withContentType(cancel(UUID.randomUUID().toString())));
        corpus.repeat(5, () -> corpus.withAccept(cancel(any(corpus.random(), List.of(finished, corpus.id())))));
        corpus.repeat(5, () -> corpus.withAuthorization(cancel(UUID.randomUUID().toString())));
    }

    private FuzzRequest cancel(String id) {
        return corpus.request(CANCEL, "POST", "/api/generate/" + id + "/cancel", "", new byte[0]);
    }
}
