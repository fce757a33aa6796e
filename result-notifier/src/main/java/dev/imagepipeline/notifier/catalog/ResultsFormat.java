package dev.imagepipeline.notifier.catalog;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import tools.jackson.databind.ObjectWriter;

/** The forms {@code GET /api/catalogs/{id}/results} writes a catalog's items in: one line per item, by line. */
enum ResultsFormat {

    NDJSON(MediaType.APPLICATION_NDJSON),
    CSV(new MediaType("text", "csv", StandardCharsets.UTF_8));

    static final String CSV_HEADER = "sku,job_id,line,status,image_urls,error_reason,error_message,compliant,cost_usd";

    private static final int BUFFER = 64 * 1024;

    private final MediaType mediaType;

    ResultsFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** {@code ?format=}, as {@code csv} or {@code ndjson}; empty for anything else. */
    static Optional<ResultsFormat> named(String format) {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "csv" -> Optional.of(CSV);
            case "ndjson" -> Optional.of(NDJSON);
            default -> Optional.empty();
        };
    }

    /** The form the client's {@code Accept} prefers; NDJSON unless it prefers CSV. */
    static ResultsFormat accepted(@Nullable String accept) {
        for (MediaType type : byQuality(accept)) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.includes(NDJSON.mediaType)) {
                return NDJSON;
            }
            if (type.includes(CSV.mediaType)) {
                return CSV;
            }
        }
        return NDJSON;
    }

    /** Writes each item as it goes, so that a catalog of any size takes no more memory than its snapshot. */
    void write(List<Item> items, OutputStream body, ObjectWriter json) throws IOException {
        switch (this) {
            case NDJSON -> ndjson(items, new BufferedOutputStream(body, BUFFER), json);
            case CSV -> csv(items, new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), BUFFER));
        }
    }

    private static void ndjson(List<Item> items, OutputStream out, ObjectWriter json) throws IOException {
        for (Item item : items) {
            out.write(json.writeValueAsBytes(ItemResult.of(item)));
            out.write('\n');
        }
        out.flush();
    }

    private static void csv(List<Item> items, Writer out) throws IOException {
        out.write(CSV_HEADER + "\r\n");
        for (Item item : items) {
            out.write(csvRecord(item));
        }
        out.flush();
    }

    /** One record, ended by CRLF as RFC 4180 has it; image URLs are separated by a space. */
    static String csvRecord(Item item) {
        return String.join(",", quoted(item.sku()), item.job().toString(), Long.toString(item.line()),
                item.status().wire(), quoted(String.join(" ", item.images())), quoted(item.errorReason()),
                quoted(item.errorMessage()), item.compliant() == null ? "" : item.compliant().toString(),
                item.cost() == null ? "" : item.cost().toPlainString()) + "\r\n";
    }

    /** A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled. */
    static String quoted(@Nullable String field) {
        if (field == null) {
            return "";
        }
        if (field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static List<MediaType> byQuality(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return List.of();
        }
        try {
            return MediaType.parseMediaTypes(accept)
                    .stream()
                    .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                    .toList();
        } catch (InvalidMediaTypeException e) {
            // An Accept this cannot read gets the default rather than an error.
            return List.of();
        }
    }
}
