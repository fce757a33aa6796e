package dev.imagepipeline.allinone;

import static dev.imagepipeline.allinone.HostileValues.any;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.imagepipeline.allinone.JsonMutations.Mutant;

/** Inputs for the catalog endpoints: uploads in each format, and reading, streaming and canceling a catalog. */
final class FuzzCatalogs {

    static final String UPLOAD = "POST /api/catalogs";
    static final String STATUS = "GET /api/catalogs/{id}";
    static final String RESULTS = "GET /api/catalogs/{id}/results";
    static final String EVENTS = "GET /api/catalogs/{id}/events";
    static final String CANCEL = "POST /api/catalogs/{id}/cancel";

    /** The upload limit the fuzz runs the runner with, low so that going past it is cheap. */
    static final int MAX_UPLOAD_BYTES = 256 * 1024;
    static final int MAX_ITEMS = 50;

    private static final List<String> FORMATS = List.of("xml", "", "CSV", "Csv", "csv&format=ndjson", "ndjson%00",
            "json", "csv;x", "f".repeat(5000), "%FF", "NDJSON", "text/csv", "csv%20");

    private final FuzzCorpus corpus;

    FuzzCatalogs(FuzzCorpus corpus) {
        this.corpus = corpus;
    }

    void generate() {
        var mutations = corpus.catalogs();
        corpus.repeat(150, () -> upload("application/json", mutations.jsonArray()));
        corpus.repeat(150, () -> upload("application/x-ndjson", mutations.ndjson()));
        corpus.repeat(150, () -> upload("text/csv", mutations.csv()));
        corpus.repeat(25, () -> corpus.withContentType(upload("text/csv", mutations.csv())));
        corpus.repeat(10, () -> corpus.withHeader(upload("application/x-ndjson", mutations.ndjson()), "Idempotency-Key",
                List.of("fuzz-catalog-1", "c".repeat(201), "é", "\u0001")));
        corpus.repeat(5, () -> corpus.withAccept(upload("application/json", mutations.jsonArray())));
        corpus.repeat(5, () -> corpus.withAuthorization(upload("text/csv", mutations.csv())));
        oversized();
        reads();
    }

    private void oversized() {
        String line = CatalogMutations.item(1) + "\n";
        String big = line.repeat(MAX_UPLOAD_BYTES / line.length() + 50);
        corpus.add(upload("application/x-ndjson", Mutant.of("past the upload size limit", big)));
        corpus.add(upload("application/json",
                Mutant.of("past the upload size limit", "[" + " ".repeat(MAX_UPLOAD_BYTES + 10) + "]")));
        corpus.add(corpus.request(UPLOAD, "POST", "/api/catalogs", "application/x-ndjson", FuzzCorpus.chunked(big))
                .with("Transfer-Encoding", "chunked")
                .described("past the upload size limit, chunked"));
        String many = IntStream.rangeClosed(1, MAX_ITEMS + 5)
                .mapToObj(CatalogMutations::item)
                .collect(Collectors.joining("\n"));
        corpus.add(upload("application/x-ndjson", Mutant.of("past the item limit", many)));
    }

    private FuzzRequest upload(String contentType, Mutant body) {
        return corpus.request(UPLOAD, "POST", "/api/catalogs", contentType, body.body()).described(body.input());
    }

    private void reads() {
        String finished = corpus.fixtures().finishedCatalog();
        for (String endpoint : List.of(STATUS, RESULTS, EVENTS)) {
            String suffix = endpoint.substring(STATUS.length());
            corpus.repeat(25, () -> corpus.get(endpoint, "/api/catalogs/" + corpus.id() + suffix).described("id"));
            corpus.repeat(8, () -> corpus.withAccept(corpus.get(endpoint, "/api/catalogs/" + finished + suffix)));
            corpus.repeat(5,
                    () -> corpus.withAuthorization(corpus.get(endpoint, "/api/catalogs/" + finished + suffix)));
        }
        corpus.repeat(25, () -> {
            String format = any(corpus.random(), FORMATS);
            return corpus.get(RESULTS, "/api/catalogs/" + finished + "/results?format=" + format)
                    .described("format=" + format);
        });
        corpus.repeat(10, () -> corpus.withHeader(corpus.get(RESULTS, "/api/catalogs/" + finished + "/results"),
                "Accept", List.of("text/csv", "text/csv;q=0", "application/x-ndjson", "text/csv;q=0.5, */*;q=0.9")));
        corpus.repeat(25, () -> cancel(corpus.id()).described("id"));
        corpus.repeat(5, () -> cancel(finished).described("a completed catalog"));
        corpus.repeat(5, () -> corpus.withContentType(cancel(UUID.randomUUID().toString())));
        corpus.repeat(5, () -> corpus.withAuthorization(cancel(finished)));
    }

    FuzzRequest cancel(String id) {
        return corpus.request(CANCEL, "POST", "/api/catalogs/" + id + "/cancel", "", new byte[0]);
    }
}
