package dev.imagepipeline.notifier.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
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
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;
import dev.imagepipeline.notifier.ResultNotifierSettings;
import dev.imagepipeline.web.access.Caller;
import dev.imagepipeline.web.job.JobResult;
import dev.imagepipeline.web.job.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** A job's status, the stream of its events, and its cancellation. */
@RestController
@Tag(name = "Jobs")
class JobController {

    private static final String JOB_ID = "The job's id, as `POST /api/generate` answered it.";
    private static final String NOT_FOUND = "No such job here: it never existed, it expired, or it is another client's.";
    private static final String EVENT_NAMES = """
            Each event is named after its step: `accepted`, `prompt_prepared`, `submitted`, `progress`, `succeeded`, \
            `failed`, `canceled`; its data is the event's JSON, as `docs/events/job-event.schema.json` describes it. \
            Comments (`:`) are sent as heartbeats.""";

    private static final Logger log = LoggerFactory.getLogger(JobController.class);

    /** The longest a status request may wait for its job to finish, below common proxies' idle timeouts. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /** Events of one job a stream holds for a client that reads slowly: far more than a job has. */
    private static final int BACKLOG = 256;

    /** Events of all of a client's jobs a stream holds for a client that reads slowly, before it is cut off. */
    private static final int CLIENT_BACKLOG = 4096;

    private final JobView view;
    private final JobCancellation cancellation;
    private final ResultNotifierSettings settings;
    private final ObjectWriter events;

    JobController(JobView view, JobCancellation cancellation, ResultNotifierSettings settings, JsonMapper json) {
        this.view = view;
        this.cancellation = cancellation;
        this.settings = settings;
        this.events = json.writerFor(JobEvent.class);
    }

    /**
     * The job as it stands; with {@code wait} (such as {@code 30s}, at most {@link #MAX_WAIT}), the job once it has
     * finished, or as it stands when the time is up: a long poll.
     */
    @GetMapping("/api/generate/{id}")
    @Operation(summary = "Read a job", description = """
            The job as its events tell it: status, images, prompt, provider, model, seed, processing time. With \
            `wait`, a long poll: the answer comes once the job has finished, or as it stands when the time is up.""")
    @ApiResponse(responseCode = "200", description = "The job.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    JobResult status(@Parameter(description = JOB_ID) @PathVariable String id,
            @Parameter(description = "How long to wait for the job to finish, such as `30s` or `500ms`; at most 60s.", example = "30s") @RequestParam(name = "wait", required = false) @Nullable String wait,
            Caller caller) {
        JobId job = jobId(id);
        Duration waiting = wait == null ? Duration.ZERO : waitFor(wait);
        var known = known(job, caller);
        if (waiting.isZero() || known.status().finished()) {
            return known;
        }
        return view.awaitFinished(job, waiting).orElseThrow(() -> notFound(id));
    }

    /**
     * Cancels the job: it ends {@code canceled}, and its work stops wherever it is. Canceling a canceled job again
     * answers the same; a job that completed or failed first answers {@code 409} with its state.
     */
    @PostMapping(path = "/api/generate/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a job", description = """
            The job ends `canceled` at once, and its work stops wherever it is. Canceling again answers the same.""")
    @ApiResponse(responseCode = "200", description = "The job, canceled.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The job completed or failed first; the problem's `job` member holds it.")
    @ApiResponse(responseCode = "503", description = "The cancellation could not be recorded; the job goes on.")
    JobResult cancel(@Parameter(description = JOB_ID) @PathVariable String id, Caller caller) {
        known(jobId(id), caller);
        var job = cancellation.cancel(jobId(id)).orElseThrow(() -> notFound(id));
        if (job.status() != JobStatus.CANCELED) {
            throw alreadyFinished(job);
        }
        return job;
    }

    /**
     * Each event of the job as an SSE event named after its type, with the event's topic offset as its id; the stream
     * ends after the terminal event. {@code Last-Event-ID} resumes after the event it names.
     */
    @GetMapping(path = "/api/generate/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a job's events", description = """
            Server-Sent Events: every event of the job so far, then each as it happens, until the terminal one \
            (`succeeded`, `failed` or `canceled`) ends the stream. Each event's `id` is its offset on the topic; \
            send the last one back as `Last-Event-ID` to resume after it.""")
    @ApiResponse(responseCode = "200", description = EVENT_NAMES, content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string"), examples = @ExampleObject("""
            id: 42
            event: progress
            data: {"type":"progress","version":1,"jobId":"…","at":"2026-11-27T10:15:31.250Z","percent":50}

            """)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    SseEmitter events(@Parameter(description = JOB_ID) @PathVariable String id,
            @Parameter(description = "The id of the last event received: the stream resumes after it.") @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            Caller caller) {
        JobId job = jobId(id);
        long after = after(lastEventId);
        known(job, caller);
        var emitter = new SseEmitter(settings.streamTimeout().toMillis());
        var stream = new SseStream<JobEntry>(emitter, settings.heartbeat(), BACKLOG, this::send);
        var subscription = view.subscribe(job, after, stream::offer);
        stream.start("sse-" + job, subscription::close);
        if (view.endedAtOrBefore(job, after)) {
            // The client has seen the terminal event already: nothing more will come.
            emitter.complete();
        }
        return emitter;
    }

    /**
     * Every event of every job the caller may see (with access control, its own jobs; without, all), or with
     * {@code ?catalog=<id>} of that catalog's jobs, as they happen, named after their types, with
     * {@code <job id>:<offset>} as their ids. Live only: events are ordered within a job, not across jobs, so there is
     * no single point to resume from; a client that reconnects reads the state of the jobs it follows with
     * {@code GET /api/generate/{id}} or {@code GET /api/catalogs/{id}/results}. The stream opens with a
     * {@code :watching} comment, sent once it is subscribed, so a client knows from when on it hears every event.
     */
    @GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow all of the caller's jobs", description = """
            Server-Sent Events of every job the caller may see (with access control, its own), or of one catalog's \
            jobs, as they happen. Live only: it opens with a `:watching` comment once subscribed, and event ids \
            (`<job id>:<offset>`) cannot be resumed from.""")
    @ApiResponse(responseCode = "200", description = EVENT_NAMES, content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    SseEmitter clientEvents(
            @Parameter(description = "Only the jobs of this catalog.") @RequestParam(name = "catalog", required = false) @Nullable String catalog,
            Caller caller) {
        CatalogId only = catalog == null ? null : catalogId(catalog);
        var emitter = new SseEmitter(settings.streamTimeout().toMillis());
        var stream = new SseStream<JobEntry>(emitter, settings.heartbeat(), CLIENT_BACKLOG, this::sendLive);
        var subscription = view.watch(caller, only, stream::offer);
        try {
            emitter.send(SseEmitter.event().comment("watching"));
        } catch (IOException e) {
            subscription.close();
            throw new UncheckedIOException(e);
        }
        stream.start("sse-client-" + (caller.client() == null ? "all" : caller.client()), subscription::close);
        return emitter;
    }

    private boolean sendLive(SseEmitter emitter, JobEntry entry) throws IOException {
        emitter.send(entry.live(events));
        return false;
    }

    /** The job as it stands, when it is known here and the caller's; else {@code 404}, whoever's it is. */
    private JobResult known(JobId job, Caller caller) {
        var known = view.awaitKnown(job).orElseThrow(() -> notFound(job.toString()));
        if (!view.visibleTo(job, caller)) {
            throw notFound(job.toString());
        }
        return known;
    }

    /** Writes one event named after its type, with its offset as the id; the terminal event ends the stream. */
    private boolean send(SseEmitter emitter, JobEntry entry) throws IOException {
        emitter.send(entry.ofJob(events));
        return entry.event().terminal();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> problem(ErrorResponseException e) {
        // Answered here, so the body is problem details whatever the application's error configuration.
        return ResponseEntity.status(e.getStatusCode()).body(e.getBody());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notCanceled(PublishFailedException e) {
        log.error("A cancellation could not be published", e);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The cancellation could not be recorded; the job goes on. Try again shortly.");
        problem.setTitle("Pipeline unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    private static Duration waitFor(String wait) {
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(wait.strip(), ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw badRequest("wait must be a duration such as 30s or 500ms, not '" + wait + "'.");
        }
        if (duration.isNegative() || duration.compareTo(MAX_WAIT) > 0) {
            throw badRequest("wait must be between 0s and " + MAX_WAIT.toSeconds() + "s, not '" + wait + "'.");
        }
        return duration;
    }

    private static ErrorResponseException alreadyFinished(JobResult job) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Job " + job.id() + " cannot be canceled: it is " + job.status().wire() + " already.");
        problem.setTitle("Job already finished");
        problem.setProperty("job", job);
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private static long after(@Nullable String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            throw badRequest("Last-Event-ID must be an event id this stream sent.");
        }
    }

    private static CatalogId catalogId(String id) {
        try {
            return CatalogId.parse(id);
        } catch (IllegalArgumentException e) {
            throw badRequest("'" + id + "' is not a catalog id.");
        }
    }

    private static JobId jobId(String id) {
        try {
            return new JobId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw badRequest("'" + id + "' is not a job id.");
        }
    }

    private static ErrorResponseException notFound(String id) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No job " + id + " is known here: " + "it never existed or has expired.");
        problem.setTitle("Job not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    private static ErrorResponseException badRequest(String detail) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
    }
}
