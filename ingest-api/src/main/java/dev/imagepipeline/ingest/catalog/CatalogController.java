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

import dev.imagepipeline.ingest.job.IdempotencyKey;
import dev.imagepipeline.web.access.Caller;

/**
 * {@code POST /api/catalogs}: a catalog as a JSON array, NDJSON or CSV, read as it streams in. Answers {@code 202}
 * with the catalog's id once every line is read and every item queued.
 */
@RestController
class CatalogController {

    private final CatalogUpload upload;

    CatalogController(CatalogUpload upload) {
        this.upload = upload;
    }

    @PostMapping(path = "/api/catalogs", consumes = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_NDJSON_VALUE, "text/csv"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Receipt> upload(@RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType, InputStream body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String idempotencyKey,
            Caller caller) {
        var format = CatalogFormat.of(contentType).orElseThrow();
        var receipt = upload.upload(format, body, IdempotencyKey.checked(idempotencyKey), caller.client());
        return ResponseEntity.accepted().location(URI.create("/api/catalogs/" + receipt.id())).body(receipt);
    }
}
