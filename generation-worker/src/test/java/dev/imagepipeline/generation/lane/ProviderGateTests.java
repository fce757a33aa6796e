package dev.imagepipeline.generation.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Lane;

class ProviderGateTests {

    /** The gate's own clock: it gives a turn only when the test moves it, however long the test takes. */
    private final AtomicLong now = new AtomicLong();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch hold = new CountDownLatch(1);
    /** A thread per call, as jobs have: the common pool may have a single thread. */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void letGo() {
        hold.countDown();
        threads.shutdownNow();
    }

    @Nested
    class Order {

        @Test
        void letsAnInteractiveCallAheadOfTheBulkCallsWaitingBeforeIt() {
            var gate = unmetered(1);
            var holding = callAsync(gate, bulk("catalog"), "holding", true);
            await().until(() -> gate.running() == 1);
            var bulk = callAsync(gate, bulk("catalog"), "bulk");
            await().until(() -> gate.waiting() == 1);
            var interactive = callAsync(gate, Ticket.interactive(), "interactive");
            await().until(() -> gate.waiting() == 2);

            hold.countDown();

            CompletableFuture.allOf(holding, bulk, interactive).join();
            assertThat(calls).containsExactly("holding", "interactive", "bulk");
        }

        @Test
        void keepsGivingTheBulkLaneItsShareWhileInteractiveCallsKeepWaiting() {
            var gate = unmetered(1);
            var holding = callAsync(gate, bulk("catalog"), "holding", true);
            await().until(() -> gate.running() == 1);
            var all = new ArrayList<CompletableFuture<Void>>();
            for (int i = 1; i <= 3; i++) {
                all.add(callAsync(gate, bulk("catalog"), "bulk-" + i));
            }
            for (int i = 1; i <= 10; i++) {
                all.add(callAsync(gate, Ticket.interactive(), "interactive-" + i));
            }
            await().until(() -> gate.waiting() == 13);

            hold.countDown();

            holding.join();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            // Of every five turns both lanes want, one is the bulk lane's (a share of 0.2); the rest go to people.
            assertThat(calls.stream().map(call -> call.substring(0, 1))).containsExactly("h", "i", "i", "i", "i", "b",
                    "i", "i", "i", "i", "b", "i", "i", "b");
        }

        @Test
        void givesClientsOfTheBulkLaneTurnsInRotation() {
            var gate = unmetered(1);
            var holding = callAsync(gate, bulk("big"), "holding", true);
            await().until(() -> gate.running() == 1);
            for (int i = 1; i <= 3; i++) {
                callAsync(gate, bulk("big"), "big-" + i);
                int waiting = i;
                await().until(() -> gate.waiting() == waiting);
            }
            var small = callAsync(gate, bulk("small"), "small");
            await().until(() -> gate.waiting() == 4);

            hold.countDown();

            holding.join();
            small.join();
            await().until(() -> calls.size() == 5);
            assertThat(calls).containsExactly("holding", "big-1", "small", "big-2", "big-3");
        }
    }

    @Nested
    class Quota {

        /** 6,000 a minute: a turn every 10 ms of the gate's clock. */
        private final ProviderGate gate = metered(6_000, 8, Duration.ofMinutes(1));

        @Test
        void givesOneTurnPerIntervalAndNoMore() {
            gate.call(() -> calls.add("first"));
            var second = callAsync(gate, bulk("catalog"), "second");
            var third = callAsync(gate, bulk("catalog"), "third");
            await().until(() -> gate.waiting() == 2);

            now.set(Duration.ofMillis(9).toNanos());
            assertThat(calls).containsExactly("first");

            now.set(Duration.ofMillis(10).toNanos());
            second.join();
            assertThat(calls).containsExactly("first", "second");
            assertThat(gate.waiting()).isOne();

            now.set(Duration.ofMillis(20).toNanos());
            third.join();
        }

        @Test
        void savesNoTurnsUpDuringAQuietSpell() {
            gate.call(() -> calls.add("first"));
            now.set(Duration.ofSeconds(10).toNanos());
            gate.call(() -> calls.add("after a quiet spell"));

            var next = callAsync(gate, bulk("catalog"), "next");
            await().until(() -> gate.waiting() == 1);
            assertThat(calls).hasSize(2);

            now.addAndGet(Duration.ofMillis(10).toNanos());
            next.join();
        }

        @Test
        void letsAnInteractiveCallBorrowTheTurnAfterTheOneTheBulkLaneJustTook() {
            gate.call(() -> calls.add("bulk"));
            var nextBulk = callAsync(gate, bulk("catalog"), "next bulk");
            await().until(() -> gate.waiting() == 1);

            callAsync(gate, Ticket.interactive(), "interactive").join();

            assertThat(calls).containsExactly("bulk", "interactive");
            // The borrowed turn is paid back: the bulk lane's next turn comes an interval later than it would have.
            now.set(Duration.ofMillis(10).toNanos());
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !nextBulk.isDone());
            now.set(Duration.ofMillis(20).toNanos());
            nextBulk.join();
        }

        @Test
        void neverRunsMoreThanOneTurnAheadOfThePace() {
            gate.call(() -> calls.add("bulk"));
            callAsync(gate, Ticket.interactive(), "borrowed").join();

            var second = callAsync(gate, Ticket.interactive(), "second");
            await().until(() -> gate.waiting() == 1);
            // Two turns at 0 ms, the second borrowed: the next is owed until it comes due, at 20 ms.
            now.set(Duration.ofMillis(19).toNanos());
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());

            now.set(Duration.ofMillis(20).toNanos());
            second.join();
            assertThat(calls).containsExactly("bulk", "borrowed", "second");
        }

        @Test
        void neverLendsABulkCallATurn() {
            gate.call(() -> calls.add("first"));
            var next = callAsync(gate, bulk("other catalog"), "next");
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> gate.waiting() == 1);

            now.set(Duration.ofMillis(10).toNanos());
            next.join();
        }

        @Test
        void throttlesAnInteractiveCallThatWaitedItsLongestButNeverABulkOne() {
            var waitingLittle = metered(1, 8, Duration.ofMillis(50));
            waitingLittle.call(() -> calls.add("first"));
            // The one turn the pace lends goes first.
            callAsync(waitingLittle, Ticket.interactive(), "borrowed").join();
            var interactive = callAsync(waitingLittle, Ticket.interactive(), "interactive");
            var bulk = callAsync(waitingLittle, bulk("catalog"), "bulk");
            await().until(() -> waitingLittle.waiting() == 2);

            now.set(Duration.ofMillis(50).toNanos());

            assertThat(failure(interactive)).isInstanceOf(ProviderGate.Throttled.class).hasMessageContaining("'test'");
            // A bulk call with a deadline would leave within one of its own 50 ms waits.
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> waitingLittle.waiting() == 1 && !bulk.isDone());
        }
    }

    @Nested
    class CallsAtOnce {

        @Test
        void neverRunsMoreThanItsLimitAndGivesAnEndedCallsTurnToTheNext() {
            var gate = unmetered(2);
            var first = callAsync(gate, bulk("catalog"), "first", true);
            var second = callAsync(gate, bulk("catalog"), "second", true);
            await().until(() -> gate.running() == 2);
            var third = callAsync(gate, bulk("catalog"), "third");
            await().until(() -> gate.waiting() == 1);
            assertThat(calls).containsExactlyInAnyOrder("first", "second");

            hold.countDown();

            CompletableFuture.allOf(first, second, third).join();
            assertThat(gate.running()).isZero();
        }

        @Test
        void givesTheCallBackWhenTheProviderFails() {
            var gate = unmetered(1);

            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> gate.call(() -> {
                throw new IllegalStateException("provider down");
            }));

            assertThat(gate.running()).isZero();
            assertThat(gate.call(() -> "next")).isEqualTo("next");
        }
    }

    @Nested
    class Leaving {

        @Test
        void anInterruptedWaiterLeavesTheLineWithoutTakingOrFreeingACall() throws Exception {
            var gate = unmetered(1);
            var holding = callAsync(gate, bulk("catalog"), "holding", true);
            await().until(() -> gate.running() == 1);
            var thread = new AtomicReference<Thread>();
            var interrupted = new AtomicBoolean();
            var waiter = CompletableFuture.runAsync(() -> {
                thread.set(Thread.currentThread());
                try {
                    bulk("catalog").holding(() -> gate.call(() -> calls.add("interrupted")));
                } finally {
                    interrupted.set(Thread.currentThread().isInterrupted());
                }
            }, threads);
            await().until(() -> gate.waiting() == 1);

            thread.get().interrupt();

            assertThat(failure(waiter)).isInstanceOf(ProviderGate.Withdrawn.class);
            assertThat(interrupted).isTrue();
            assertThat(gate.waiting()).isZero();
            assertThat(gate.running()).isOne();
            hold.countDown();
            holding.join();
            assertThat(gate.running()).isZero();
            assertThat(gate.call(() -> "next")).isEqualTo("next");
            assertThat(calls).containsExactly("holding");
        }

        @Test
        void aJobWhoseCatalogWasCanceledWhileItWaitedLeavesAtItsTurnAndSpendsNone() {
            var gate = metered(6_000, 8, Duration.ofMinutes(1));
            gate.call(() -> calls.add("first"));
            var canceled = new AtomicBoolean();
            var ticket = Ticket.of(Lane.BULK, "canceled catalog", canceled::get);
            var withdrawn = callAsync(gate, ticket, "withdrawn");
            await().until(() -> gate.waiting() == 1);
            var other = callAsync(gate, bulk("other catalog"), "other");
            await().until(() -> gate.waiting() == 2);

            canceled.set(true);
            now.set(Duration.ofMillis(10).toNanos());

            assertThat(failure(withdrawn)).isInstanceOf(ProviderGate.Withdrawn.class);
            assertThat(ticket.withdrawn()).isTrue();
            other.join();
            assertThat(calls).containsExactly("first", "other");
        }

        @Test
        void aJobThatStartedGoesOnWhenItsCatalogIsCanceled() {
            var gate = unmetered(1);
            var canceled = new AtomicBoolean();
            var ticket = Ticket.of(Lane.BULK, "catalog", canceled::get);
            ticket.holding(() -> gate.call(() -> calls.add("first attempt")));

            canceled.set(true);

            ticket.holding(() -> gate.call(() -> calls.add("retry")));
            assertThat(ticket.started()).isTrue();
            assertThat(calls).containsExactly("first attempt", "retry");
        }

        @Test
        void aWithdrawnJobIsTurnedAwayAtOnce() {
            var gate = unmetered(1);
            var ticket = bulk("catalog");

            assertThat(ticket.withdraw()).isTrue();

            assertThatExceptionOfType(ProviderGate.Withdrawn.class)
                    .isThrownBy(() -> ticket.holding(() -> gate.call(() -> calls.add("never"))));
            assertThat(calls).isEmpty();
        }
    }

    private ProviderGate unmetered(int maxCalls) {
        return new ProviderGate("test", null, maxCalls, 0.2, Duration.ofMinutes(1), now::get);
    }

    private ProviderGate metered(int perMinute, int maxCalls, Duration interactiveWait) {
        return new ProviderGate("test", Pace.perMinute(perMinute), maxCalls, 0.2, interactiveWait, now::get);
    }

    private static Ticket bulk(String catalog) {
        return Ticket.of(Lane.BULK, catalog, () -> false);
    }

    private CompletableFuture<Void> callAsync(ProviderGate gate, Ticket ticket, String name) {
        return callAsync(gate, ticket, name, false);
    }

    /** Calls through the gate on a thread of its own; a holding call keeps its turn until the test lets go. */
    private CompletableFuture<Void> callAsync(ProviderGate gate, Ticket ticket, String name, boolean holding) {
        return CompletableFuture.runAsync(() -> ticket.holding(() -> gate.call(() -> {
            calls.add(name);
            if (holding) {
                awaitRelease();
            }
            return name;
        })), threads);
    }

    private void awaitRelease() {
        try {
            hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get();
            throw new AssertionError("the call went through");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
