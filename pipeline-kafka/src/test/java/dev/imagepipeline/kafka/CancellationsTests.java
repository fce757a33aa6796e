package dev.imagepipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.JobId;

class CancellationsTests {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void knowsACanceledJob() {
        var cancellations = new Cancellations(10);
        var job = JobId.random();

        cancellations.record(new CancelRequested(job, AT, "replicate", "p-1"));

        assertThat(cancellations.canceled(job)).isTrue();
        assertThat(cancellations.canceled(JobId.random())).isFalse();
    }

    @Test
    void tellsItsListenersOfEveryRequest() {
        var cancellations = new Cancellations(10);
        var heard = new ArrayList<JobId>();
        cancellations.onCancel(request -> heard.add(request.jobId()));
        var first = JobId.random();
        var second = JobId.random();

        cancellations.record(new CancelRequested(first, AT, null, null));
        cancellations.record(new CancelRequested(second, AT, null, null));

        assertThat(heard).containsExactly(first, second);
    }

    @Test
    void forgetsTheOldestRequestsBeyondItsCapacity() {
        var cancellations = new Cancellations(2);
        var jobs = List.of(JobId.random(), JobId.random(), JobId.random());

        jobs.forEach(job -> cancellations.record(new CancelRequested(job, AT, null, null)));

        assertThat(cancellations.canceled(jobs.get(0))).isFalse();
        assertThat(cancellations.canceled(jobs.get(1))).isTrue();
        assertThat(cancellations.canceled(jobs.get(2))).isTrue();
    }

    @Test
    void rejectsARequestWithoutItsTimeBeforeRecordingOrTellingAnyone() {
        var cancellations = new Cancellations(10);
        var heard = new ArrayList<CancelRequested>();
        cancellations.onCancel(heard::add);
        var job = JobId.random();
        var timeless = new CancelRequested(job, null, "replicate", "p-1");

        assertThatIllegalArgumentException().isThrownBy(() -> cancellations.record(timeless));

        assertThat(cancellations.canceled(job)).isFalse();
        assertThat(heard).isEmpty();
    }
}
