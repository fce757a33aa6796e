package dev.imagepipeline.cli;

import java.nio.file.Path;
import java.util.Locale;

/** The formats the results of a catalog are downloaded in: the results file's extension, else the upload's. */
enum ResultsFormat {
    CSV,
    NDJSON;

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ResultsFormat of(Path out, CatalogFormat upload) {
        return switch (CatalogFormat.extension(out)) {
            case "csv" -> CSV;
            case "ndjson", "jsonl", "json" -> NDJSON;
            default -> of(upload);
        };
    }

    static ResultsFormat of(CatalogFormat upload) {
        return upload == CatalogFormat.CSV ? CSV : NDJSON;
    }

    /** {@code products.csv} → {@code products.results.csv}, beside it. */
    Path besides(Path catalog) {
        String name = catalog.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return catalog.resolveSibling(stem + ".results." + parameter());
    }
}
