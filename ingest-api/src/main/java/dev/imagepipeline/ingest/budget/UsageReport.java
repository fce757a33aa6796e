package dev.imagepipeline.ingest.budget;

import java.util.List;

/**
 * The answer of {@code GET /api/usage}.
 *
 * @param month the calendar month (UTC) the usage is of, e.g. {@code 2026-11}
 * @param clients the caller's client, or every client while access control is off
 */
public record UsageReport(String month, List<Usage> clients) {

    public UsageReport {
        clients = List.copyOf(clients);
    }
}
