package dev.imagepipeline.ingest.budget;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.imagepipeline.web.access.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/usage}: what the caller's client has spent this month, and what its budget leaves. */
@RestController
@Tag(name = "Usage", description = "What each API client's jobs cost this month, against its budget.")
class UsageController {

    private final Ledger ledger;

    UsageController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping(path = "/api/usage", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "This month's usage", description = """
            The calendar month (UTC) so far of the caller's API client, or of every client while access control is \
            off: jobs accepted, images made, the recorded cost of the jobs that succeeded, the estimated cost of those \
            still in flight, and the budget with what remains of it when one is set. Read from the completion topic; \
            a job accepted on another instance shows here within a broker round trip.""")
    @ApiResponse(responseCode = "200", description = "The month's usage, one entry a client.")
    UsageReport usage(Caller caller) {
        return ledger.usage(caller);
    }
}
