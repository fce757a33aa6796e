package dev.imagepipeline.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.reliability.StubPrediction.Fate;

/**
 * How the Replicate stub misbehaves, as the fault plan asks: while erratic, every fourth API call fails, with
 * {@code 429} and {@code 500} in turn; the next creates asked for are answered only after the client gave up; some
 * predictions' webhooks come twice or out of order, always, and on request some never come or some runs never end.
 * Every fault is counted in the {@link FaultLog}. A benchmark's script ({@link #steady}) has none of this: each run
 * takes the time it is given, and calls back once a step.
 */
final class ProviderScript {

    static final String RATE_LIMITED = "provider answered 429";
    static final String SERVER_ERROR = "provider answered 500, echoing the token";
    static final String HELD = "provider answered a create after the client's timeout (the run was made)";
    static final String SAME_ID_AGAIN = "webhook delivered again under the same id";
    static final String NEW_ID_AGAIN = "webhook repeated under a new id, 5 s later";
    static final String OUT_OF_ORDER = "webhook out of order (processing, starting after succeeded)";
    static final String NEVER_SENT = "webhook never sent (the run succeeded)";
    static final String NEVER_ENDS = "run never ends";

    private final FaultLog faults;
    private final AtomicInteger erraticCalls = new AtomicInteger();
    private final AtomicInteger failedCalls = new AtomicInteger();
    private final AtomicInteger toHold = new AtomicInteger();
    private final AtomicInteger toLose = new AtomicInteger();
    private final AtomicInteger toStall = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final @Nullable Duration runTime;
    private volatile boolean erratic;

    ProviderScript(FaultLog faults) {
        this(faults, null);
    }

    private ProviderScript(FaultLog faults, @Nullable Duration runTime) {
        this.faults = faults;
        this.runTime = runTime;
    }

    /** A provider that does as it is asked: every run takes {@code runTime} (zero: it has ended when it is created). */
    static ProviderScript steady(Duration runTime) {
        return new ProviderScript(new FaultLog(), runTime);
    }

    /** How long every run takes; absent for the fault suite's runs, which start and end at random moments. */
    @Nullable
    Duration runTime() {
        return runTime;
    }

    void erratic(boolean erratic) {
        this.erratic = erratic;
    }

    void holdAnswers(int creates) {
        toHold.addAndGet(creates);
    }

    void loseCallbacks(int predictions) {
        toLose.addAndGet(predictions);
    }

    void stallRuns(int predictions) {
        toStall.addAndGet(predictions);
    }

    /** The failure this API call gets instead of an answer, if any. */
    @Nullable
    String failure() {
        if (!erratic) {
            return null;
        }
        int call = erraticCalls.incrementAndGet();
        if (call % 4 != 0) {
            return null;
        }
        String fault = call % 8 == 4 ? RATE_LIMITED : SERVER_ERROR;
        faults.injected(fault);
        failedCalls.incrementAndGet();
        return fault;
    }

    /** Whether this create's answer comes only once the client gave up on it. */
    boolean holdAnswer() {
        if (take(toHold)) {
            faults.injected(HELD);
            return true;
        }
        return false;
    }

    /** How the webhooks of a new prediction go. */
    Fate fate(@Nullable URI webhook) {
        if (take(toStall)) {
            faults.injected(NEVER_ENDS);
            return Fate.NEVER_ENDS;
        }
        if (webhook == null || runTime != null) {
            return Fate.NORMAL;
        }
        if (take(toLose)) {
            faults.injected(NEVER_SENT);
            return Fate.CALLBACK_LOST;
        }
        long n = sequence.incrementAndGet();
        return n % 10 == 3 ? Fate.DUPLICATED : n % 10 == 7 ? Fate.OUT_OF_ORDER : Fate.NORMAL;
    }

    /** Counts the webhooks a prediction's fate sent beyond the ordinary ones. */
    void sent(Fate fate) {
        switch (fate) {
            case DUPLICATED -> {
                faults.injected(SAME_ID_AGAIN);
                faults.injected(NEW_ID_AGAIN);
            }
            case OUT_OF_ORDER -> faults.injected(OUT_OF_ORDER);
            case NORMAL, CALLBACK_LOST, NEVER_ENDS -> {
            }
        }
    }

    /** API calls answered with a failure so far. */
    int failedCalls() {
        return failedCalls.get();
    }

    private static boolean take(AtomicInteger remaining) {
        return remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
}
