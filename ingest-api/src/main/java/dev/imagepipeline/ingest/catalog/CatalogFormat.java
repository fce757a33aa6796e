package dev.imagepipeline.ingest.catalog;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/** The formats a catalog can be uploaded in, by their media types. */
enum CatalogFormat {
    JSON(MediaType.APPLICATION_JSON),
    NDJSON(MediaType.APPLICATION_NDJSON),
    CSV(new MediaType("text", "csv"));

    private final MediaType type;

    CatalogFormat(MediaType type) {
        this.type = type;
    }

    MediaType type() {
        return type;
    }

    static Optional<CatalogFormat> of(MediaType contentType) {
        return Arrays.stream(values()).filter(format -> format.type.equalsTypeAndSubtype(contentType)).findFirst();
    }

    /**
     * Starts reading an upload: UTF-8 text, no record longer than {@code maxLength} characters.
     *
     * @throws ItemSource.UnreadableUploadException when the upload cannot be a catalog of this format at all
     */
    ItemSource open(InputStream body, JsonMapper json, int maxLength) {
        return switch (this) {
            case JSON -> new JsonArrayItems(body, json);
            case NDJSON -> new NdjsonItems(lines(body, maxLength), json);
            case CSV -> new CsvItems(lines(body, maxLength), json);
        };
    }

    private static LineReader lines(InputStream body, int maxLength) {
        return new LineReader(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), maxLength);
    }
}
