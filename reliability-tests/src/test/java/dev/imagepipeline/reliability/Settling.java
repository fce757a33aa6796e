package dev.imagepipeline.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;

import org.awaitility.core.ConditionTimeoutException;

import tools.jackson.databind.JsonNode;

/**
 * The end of a run: every accepted job given its time to end, the webhooks on their way their time to arrive, and the
 * completion topic read to its end. Whatever does not come in time is printed and left for the checks to find.
 */
final class Settling {

    private Settling() {
    }

    /** A catalog's jobs are those the completion topic announces for it, as many as the upload said it created. */
    static void catalogJobs(JsonNode receipt, Ledger ledger, Load load) {
        String id = receipt.get("id").asString();
        int created = receipt.get("created").asInt();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.acceptedWith(id).size() >= created);
        } catch (ConditionTimeoutException e) {
            System.out.printf("[fault suite] catalog %s: %d jobs announced of %d created%n", id,
                    ledger.acceptedWith(id).size(), created);
        }
        ledger.acceptedWith(id).forEach(load::acceptedWithCatalog);
    }

    static void drain(Ledger ledger, Set<String> accepted) {
        try {
            await().atMost(FaultRun.DRAIN)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> ledger.ended(accepted) == accepted.size());
        } catch (ConditionTimeoutException e) {
            System.out.printf("[fault suite] %d of %d accepted jobs did not end within %s%n",
                    accepted.size() - ledger.ended(accepted), accepted.size(), FaultRun.DRAIN);
        }
    }

    /** Lets the webhooks still on their way arrive, and the completion topic be read to its end. */
    static void settle(Ledger ledger, ReplicateStub stub) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> stub.webhooks().pending() == 0);
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(2)).until(ledger::caughtUp);
        } catch (ConditionTimeoutException e) {
            System.out.printf("[fault suite] still %d webhooks on their way; completion topic read to its end: %s%n",
                    stub.webhooks().pending(), ledger.caughtUp());
        }
    }
}
