package dev.imagepipeline.allinone;

import java.util.List;

/** Inputs for the prompt endpoints: a prompt for one model, a preview across models, and the templates. */
final class FuzzPrompts {

    static final String GENERATE = "POST /api/prompt/generate";
    static final String PREVIEW = "POST /api/prompt/preview";
    static final String TEMPLATES = "GET /api/prompt/templates";

    private final FuzzCorpus corpus;

    FuzzPrompts(FuzzCorpus corpus) {
        this.corpus = corpus;
    }

    void generate() {
        for (var endpoint : List.of(GENERATE, PREVIEW)) {
            String target = endpoint.substring("POST ".length());
            String valid = endpoint.equals(GENERATE) ? FuzzCorpus.PROMPT : FuzzCorpus.PREVIEW;
            corpus.repeat(280, () -> corpus.post(endpoint, target, corpus.broken(valid)));
            corpus.repeat(10, () -> corpus.withContentType(corpus.post(endpoint, target, corpus.valid(valid))));
            corpus.repeat(6, () -> corpus.withAccept(corpus.post(endpoint, target, corpus.broken(valid))));
            corpus.repeat(4, () -> corpus.withAuthorization(corpus.post(endpoint, target, corpus.valid(valid))));
        }
        String templates = "/api/prompt/templates";
        for (String query : List.of("?category=%00", "?" + "q".repeat(5000), "?x=%FF", "?a=1&a=2", "?%%%")) {
            corpus.add(corpus.get(TEMPLATES, templates + query).described("query " + query));
        }
        corpus.repeat(15, () -> corpus.withAccept(corpus.get(TEMPLATES, templates)));
        corpus.repeat(10, () -> corpus.withAuthorization(corpus.get(TEMPLATES, templates)));
        corpus.add(corpus.request(TEMPLATES, "GET", templates, "application/json", FuzzCorpus.utf8("{\"a\":"))
                .described("a body on a GET"));
    }
}
