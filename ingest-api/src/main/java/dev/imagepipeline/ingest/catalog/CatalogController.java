package dev.imagepipeline.ingest.catalog;

import java.io.InputStream;
import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.imagepipeline.web.RejectedFieldException;

/**
 * {@code POST /api/catalogs}: a catalog as a JSON array, NDJSON or CSV, read as it streams in. Answers {@code 202}
 * with the catalog's id once every line is read and every item queued.
 */
@RestController
class CatalogController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

    private final CatalogUpload upload;

    CatalogController(CatalogUpload upload) {
        this.upload = upload;
    }

    @PostMapping(path = "/api/catalogs", consumes = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_NDJSON_VALUE, "text/csv"})
    ResponseEntity<Receipt> upload(@RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType, InputStream body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
        var format = CatalogFormat.of(contentType).orElseThrow();
        var receipt = upload.upload(format, body, checked(idempotencyKey));
        return ResponseEntity.accepted().location(URI.create("/api/catalogs/" + receipt.id())).body(receipt);
    }

    private static @Nullable String checked(@Nullable String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new RejectedFieldException(IDEMPOTENCY_KEY,
                    "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
        }
        return key;
    }
}
