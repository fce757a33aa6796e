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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/catalogs}: a catalog as a JSON array, NDJSON or CSV, read as it streams in. Answers {@code 202}
 * with the catalog's id once every line is read and every item queued.
 */
@RestController
@Tag(name = "Catalogs", description = "Many products at once, each a job on the bulk lane: upload, follow, download, cancel.")
class CatalogController {

    private final CatalogUpload upload;

    CatalogController(CatalogUpload upload) {
        this.upload = upload;
    }

    @PostMapping(path = "/api/catalogs", consumes = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_NDJSON_VALUE, "text/csv"}, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Upload a catalog", description = """
            One product a line, each with a stable `sku`, as a JSON array, NDJSON or CSV (with a header line). The \
            upload is read as it streams in; each valid line becomes a job on the bulk lane, and a bad line is \
            reported with its number and skipped. Sent again with the same `Idempotency-Key`, only the items that \
            are not jobs yet are queued.""", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = """
            Each item takes the fields of `POST /api/generate` plus `sku`; in CSV, `num_images`, `resolution`, \
            `guidance_scale` and `seed` are columns of their own.""", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "array", description = "Catalog items: objects with `sku` and the fields of `POST /api/generate`.")),
            @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, schema = @Schema(type = "string"), examples = @ExampleObject("""
                    {"sku":"MUG-001","description":"stoneware mug","category":"kitchenware","style":"white_background"}
                    """)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"), examples = @ExampleObject("""
                    sku,description,category,style,num_images,resolution
                    MUG-001,stoneware mug with speckled glaze,kitchenware,white_background,1,512x512
                    """))}))
    @ApiResponse(responseCode = "202", description = "Every line read and every valid item queued: the catalog's id, its counts and the first rejected lines, among them items past the client's budget.", headers = @Header(name = HttpHeaders.LOCATION, description = "Where to read the catalog: `/api/catalogs/{id}`.", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "The upload cannot be read as a catalog of its type, or no line of it is a valid item.")
    @ApiResponse(responseCode = "503", description = "The broker did not take the items; send the upload again with the same `Idempotency-Key`.")
    ResponseEntity<Receipt> upload(
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @Parameter(hidden = true) InputStream body,
            @Parameter(description = IdempotencyKey.DESCRIPTION, schema = @Schema(maxLength = 200)) @RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String idempotencyKey,
            Caller caller) {
        var format = CatalogFormat.of(contentType).orElseThrow();
        var receipt = upload.upload(format, body, IdempotencyKey.checked(idempotencyKey), caller.client());
        return ResponseEntity.accepted().location(URI.create("/api/catalogs/" + receipt.id())).body(receipt);
    }
}
