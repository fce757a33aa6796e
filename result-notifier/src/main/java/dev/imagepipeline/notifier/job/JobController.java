package dev.imagepipeline.notifier.job;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.notifier.ResultNotifierSettings;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** A job's status, and the stream of its events. */
@RestController
class JobController {

    private final JobView view;
    private final ResultNotifierSettings settings;
    private final ObjectWriter events;

    JobController(JobView view, ResultNotifierSettings settings, JsonMapper json) {
        this.view = view;
        this.settings = settings;
        this.events = json.writerFor(JobEvent.class);
    }

    @GetMapping("/api/generate/{id}")
    JobResult status(@PathVariable String id) {
        return view.awaitKnown(jobId(id)).orElseThrow(() -> notFound(id));
    }

    /**
     * Each event of the job as an SSE event named after its type, with the event's topic offset as its id; the stream
     * ends after the terminal event. {@code Last-Event-ID} resumes after the event it names.
     */
    @GetMapping(path = "/api/generate/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        JobId job = jobId(id);
        long after = after(lastEventId);
        view.awaitKnown(job).orElseThrow(() -> notFound(id));
        var emitter = new SseEmitter(settings.streamTimeout().toMillis());
        var stream = new SseStream(emitter, events, settings.heartbeat());
        var subscription = view.subscribe(job, after, stream::offer);
        stream.start("sse-" + job, subscription::close);
        if (view.endedAtOrBefore(job, after)) {
            // The client has seen the terminal event already: nothing more will come.
            emitter.complete();
        }
        return emitter;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> problem(ErrorResponseException e) {
        // Answered here, so the body is problem details whatever the application's error configuration.
        return ResponseEntity.status(e.getStatusCode()).body(e.getBody());
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
