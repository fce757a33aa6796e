package dev.imagepipeline.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The formats a catalog is uploaded in, told apart by the file's extension unless {@code --format} names one. */
enum CatalogFormat {
    JSON("application/json"),
    NDJSON("application/x-ndjson"),
    CSV("text/csv");

    private final String mediaType;

    CatalogFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    static Optional<CatalogFormat> of(Path file) {
        return switch (extension(file)) {
            case "json" -> Optional.of(JSON);
            case "ndjson", "jsonl" -> Optional.of(NDJSON);
            case "csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
