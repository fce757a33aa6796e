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
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A catalog's progress, its items, the stream of its progress, and its cancellation. (ingest-api's
 * {@code CatalogController} takes uploads; the two names differ, as the runner holds both.)
 */
@RestController
class CatalogResultsController {

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
    CatalogSummary status(@PathVariable String id, Caller caller) {
        return known(id, caller);
    }

    /**
     * Every item the catalog holds, by line: NDJSON unless {@code ?format=csv} or an {@code Accept} that prefers
     * {@code text/csv} asks for CSV. Written straight to the response as the snapshot is walked, in the request's own
     * thread, so that a slow download is not cut off by an asynchronous request's timeout.
     */
    @GetMapping("/api/catalogs/{id}/results")
    void results(@PathVariable String id, @RequestParam(name = "format", required = false) @Nullable String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept, Caller caller,
            HttpServletResponse response) throws IOException {
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
    SseEmitter events(@PathVariable String id, Caller caller) {
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
    ResponseEntity<CatalogSummary> cancel(@PathVariable String id, Caller caller) {
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
