package dev.imagepipeline.notifier.catalog;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;
import dev.imagepipeline.notifier.ResultNotifierSettings;
import dev.imagepipeline.web.access.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A catalog's progress, its items, the stream of its progress, and its cancellation. (ingest-api's
 * {@code CatalogController} takes uploads; the two names differ, as the runner holds both.)
 */
@RestController
@Tag(name = "Catalogs")
class CatalogResultsController {

    private static final String CATALOG_ID = "The catalog's id, as `POST /api/catalogs` answered it.";
    private static final String NOT_FOUND = "No such catalog here: it never existed, it expired, or it is another client's.";

    private static final Logger log = LoggerFactory.getLogger(CatalogResultsController.class);

    private final CatalogView view;
    private final CatalogCancellation cancellation;
    private final ResultNotifierSettings settings;
    private final ObjectWriter json;

    CatalogResultsController(CatalogView view, CatalogCancellation cancellation, ResultNotifierSettings settings,
            JsonMapper json) {
        this.view = view;
        this.cancellation = cancellation;
        this.settings = settings;
        this.json = json.writer();
    }

    @GetMapping("/api/catalogs/{id}")
    @Operation(summary = "Read a catalog's progress", description = "Totals by state, progress, rate, time left, rejected lines and failures.")
    @ApiResponse(responseCode = "200", description = "The catalog as it stands.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    CatalogSummary status(@Parameter(description = CATALOG_ID) @PathVariable String id, Caller caller) {
        return known(id, caller);
    }

    /**
     * Every item the catalog holds, by line: NDJSON unless {@code ?format=csv} or an {@code Accept} that prefers
     * {@code text/csv} asks for CSV. Written straight to the response as the snapshot is walked, in the request's own
     * thread, so that a slow download is not cut off by an asynchronous request's timeout.
     */
    @GetMapping("/api/catalogs/{id}/results")
    @Operation(summary = "Download every item's result", description = """
            One line per item, by line number: NDJSON (each line an item result), or CSV with \
            `?format=csv` or an `Accept` that prefers `text/csv`.""")
    @ApiResponse(responseCode = "200", description = "Every item the catalog holds, as it stands.", content = {
            @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, schema = @Schema(implementation = ItemResult.class, description = "Each line of the body.")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"), examples = @ExampleObject(ResultsFormat.CSV_HEADER
                    + "\r\nMUG-001,5f0c…,2,completed,http://localhost:8080/api/images/…png,,\r\n"))})
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    void results(@Parameter(description = CATALOG_ID) @PathVariable String id,
            @Parameter(description = "`csv` or `ndjson`; absent means what `Accept` prefers, NDJSON by default.", schema = @Schema(allowableValues = {
                    "ndjson", "csv"})) @RequestParam(name = "format", required = false) @Nullable String format,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            Caller caller, HttpServletResponse response) throws IOException {
        CatalogId catalog = catalogId(id);
        ResultsFormat chosen = format == null ? ResultsFormat.accepted(accept) : named(format);
        known(id, caller);
        var items = view.items(catalog).orElseThrow(() -> notFound(id));
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(chosen.mediaType().toString());
        chosen.write(items, response.getOutputStream(), json);
    }

    /**
     * The catalog's progress as SSE: {@code progress} events (the catalog's JSON) and an {@code item} event for each
     * item that ends, until the catalog completes or is canceled. A reconnecting client gets a fresh {@code progress},
     * not the item events it missed; {@code /results} has every item.
     */
    @GetMapping(path = "/api/catalogs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a catalog's progress", description = """
            Server-Sent Events until the catalog completes or is canceled. A reconnecting client gets a fresh \
            `progress`, not the `item` events it missed; `/results` has every item.""")
    @ApiResponse(responseCode = "200", description = """
            `progress` events carry the catalog as `GET /api/catalogs/{id}` shows it; an `item` event carries an item \
            that ended, as a line of `/results` shows it.""", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    SseEmitter events(@Parameter(description = CATALOG_ID) @PathVariable String id, Caller caller) {
        CatalogId catalog = catalogId(id);
        known(id, caller);
        var emitter = new SseEmitter(settings.streamTimeout().toMillis());
        new CatalogStream(emitter, settings.heartbeat(), view, catalog, json).start();
        return emitter;
    }

    /**
     * Cancels the catalog: its items that have not started end {@code canceled}, those running finish. Answers
     * {@code 202} with the catalog as it stands, the same when asked again; a completed catalog answers {@code 409}.
     */
    @PostMapping(path = "/api/catalogs/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a catalog", description = """
            Its items that have not started end `canceled`; those running finish. Asking again answers the same.""")
    @ApiResponse(responseCode = "202", description = "The catalog as it stands.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "Every item had ended already; the problem's `catalog` member holds it.")
    @ApiResponse(responseCode = "503", description = "The cancellation could not be recorded; the catalog goes on.")
    ResponseEntity<CatalogSummary> cancel(@Parameter(description = CATALOG_ID) @PathVariable String id, Caller caller) {
        known(id, caller);
        var catalog = cancellation.cancel(catalogId(id)).orElseThrow(() -> notFound(id));
        if (catalog.status() == CatalogStatus.COMPLETED) {
            throw completedAlready(catalog);
        }
        return ResponseEntity.accepted().body(catalog);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> problem(ErrorResponseException e) {
        // Answered here, so the body is problem details whatever the application's error configuration.
        return ResponseEntity.status(e.getStatusCode())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(e.getBody());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notCanceled(PublishFailedException e) {
        log.error("A catalog's cancellation could not be published", e);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The cancellation could not be recorded; the catalog goes on. Try again shortly.");
        problem.setTitle("Pipeline unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The catalog as it stands, when it is known here and the caller's; else {@code 404}, whoever's it is. */
    private CatalogSummary known(String id, Caller caller) {
        CatalogId catalog = catalogId(id);
        var summary = view.awaitKnown(catalog).orElseThrow(() -> notFound(id));
        if (!view.visibleTo(catalog, caller)) {
            throw notFound(id);
        }
        return summary;
    }

    private static ResultsFormat named(String format) {
        return ResultsFormat.named(format)
                .orElseThrow(() -> badRequest("format must be csv or ndjson, not '" + format + "'."));
    }

    private static CatalogId catalogId(String id) {
        try {
            return CatalogId.parse(id);
        } catch (IllegalArgumentException e) {
            throw badRequest("'" + id + "' is not a catalog id.");
        }
    }

    private static ErrorResponseException completedAlready(CatalogSummary catalog) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Catalog " + catalog.id() + " cannot be canceled: every item has ended already.");
        problem.setTitle("Catalog already completed");
        problem.setProperty("catalog", catalog);
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private static ErrorResponseException notFound(String id) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No catalog " + id + " is known here: it never existed or has expired.");
        problem.setTitle("Catalog not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    private static ErrorResponseException badRequest(String detail) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
    }
}
