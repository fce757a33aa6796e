package dev.imagepipeline.notifier.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.PromptPrepared;

/**
 * The callback URL of each recent job that named one, learned from its {@code accepted} or {@code prompt_prepared}
 * event, and whether its terminal event has gone out. Bounded like the job view: at most {@code maxJobs} jobs, each
 * forgotten {@code retention} after its last event, least recently updated first.
 */
final class CallbackTargets {

    private final int maxJobs;
    private final Duration retention;
    private final Clock clock;
    // Insertion order is update order: a job is re-inserted on every event, so the eldest is the stalest.
    private final LinkedHashMap<JobId, Target> targets = new LinkedHashMap<>();

    CallbackTargets(int maxJobs, Duration retention, Clock clock) {
        this.maxJobs = maxJobs;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Learns from one event and says where it is to be delivered: to the job's callback URL when the job has one and
     * the event is its first terminal event, or any event before that when {@code everyEvent}; else nowhere. Only the
     * first terminal event of a job is delivered, as only the first counts in the job view.
     */
    synchronized Optional<Destination> observe(JobEvent event, boolean everyEvent) {
        String named = callbackUrl(event);
        Target known = targets.remove(event.jobId());
        if (known == null && named == null) {
            return Optional.empty();
        }
        boolean endedBefore = known != null && known.ended();
        String client = known != null && known.client() != null ? known.client() : client(event);
        var target = new Target(named != null ? named : known.url(), client, endedBefore || event.terminal(),
                clock.instant());
        targets.put(event.jobId(), target);
        evict(target.seen());
        if (endedBefore || !(event.terminal() || everyEvent)) {
            return Optional.empty();
        }
        return Optional.of(new Destination(target.url(), target.client()));
    }

    synchronized int size() {
        return targets.size();
    }

    private void evict(Instant now) {
        var stale = now.minus(retention);
        var eldest = targets.entrySet().iterator();
        while (eldest.hasNext()) {
            var target = eldest.next().getValue();
            if (targets.size() <= maxJobs && !target.seen().isBefore(stale)) {
                return;
            }
            eldest.remove();
        }
    }

    private static @Nullable String callbackUrl(JobEvent event) {
        return switch (event) {
            case JobAccepted accepted -> accepted.callbackUrl();
            case PromptPrepared prepared -> prepared.callbackUrl();
            default -> null;
        };
    }

    private static @Nullable String client(JobEvent event) {
        return switch (event) {
            case JobAccepted accepted -> accepted.client();
            case PromptPrepared prepared -> prepared.client();
            default -> null;
        };
    }

    /** Where an event goes, and the client whose key signs it. */
    record Destination(String url, @Nullable String client) {
    }

    private record Target(String url, @Nullable String client, boolean ended, Instant seen) {
    }
}
