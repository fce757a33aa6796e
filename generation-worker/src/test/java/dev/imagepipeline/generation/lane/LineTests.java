package dev.imagepipeline.generation.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Lane;

class LineTests {

    @Test
    void servesInteractiveWaitersBeforeBulkOnesInArrivalOrder() {
        var line = new Line(0);
        var bulk = waiter(line, Lane.BULK, "catalog");
        var first = waiter(line, Lane.INTERACTIVE, null);
        var second = waiter(line, Lane.INTERACTIVE, null);

        assertThat(drain(line)).containsExactly(first, second, bulk);
        assertThat(line.size()).isZero();
    }

    @Test
    void servesNobodyWhenNobodyWaits() {
        assertThat(new Line(0.2).next()).isNull();
    }

    @Nested
    class MinimumBulkShare {

        @Test
        void givesTheBulkLaneEveryFifthTurnUnderASteadyInteractiveStream() {
            var line = new Line(0.2);
            for (int i = 0; i < 50; i++) {
                waiter(line, Lane.INTERACTIVE, null);
                waiter(line, Lane.BULK, "catalog");
            }

            var lanes = drain(line).subList(0, 50).stream().map(waiter -> waiter.ticket.lane()).toList();

            assertThat(lanes).filteredOn(lane -> lane == Lane.BULK).hasSize(10);
            assertThat(lanes.subList(0, 5)).containsExactly(Lane.INTERACTIVE, Lane.INTERACTIVE, Lane.INTERACTIVE,
                    Lane.INTERACTIVE, Lane.BULK);
        }

        @Test
        void earnsNoTurnsWhileTheBulkLaneWaitsAlone() {
            var line = new Line(0.2);
            for (int i = 0; i < 10; i++) {
                waiter(line, Lane.BULK, "catalog");
            }
            drain(line);
            for (int i = 0; i < 5; i++) {
                waiter(line, Lane.INTERACTIVE, null);
                waiter(line, Lane.BULK, "catalog");
            }

            assertThat(drain(line).subList(0, 5)).extracting(waiter -> waiter.ticket.lane())
                    .containsExactly(Lane.INTERACTIVE, Lane.INTERACTIVE, Lane.INTERACTIVE, Lane.INTERACTIVE, Lane.BULK);
        }

        @Test
        void letsInteractiveCallsThatComeNowAndThenAlwaysGoFirst() {
            var line = new Line(0.2);
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 4; i++) {
                    waiter(line, Lane.BULK, "catalog");
                }
                var interactive = waiter(line, Lane.INTERACTIVE, null);

                assertThat(line.next()).isSameAs(interactive);
                drain(line);
            }
        }

        @Test
        void owesTheBulkLaneATurnAfterInteractiveCallsHadTheProviderToThemselves() {
            var line = new Line(0.2);
            for (int i = 0; i < 5; i++) {
                waiter(line, Lane.INTERACTIVE, null);
            }
            drain(line);
            var bulk = waiter(line, Lane.BULK, "catalog");
            waiter(line, Lane.INTERACTIVE, null);

            assertThat(line.next()).isSameAs(bulk);
        }

        @Test
        void starvesTheBulkLaneOnlyWhenItsShareIsZero() {
            var line = new Line(0);
            var bulk = waiter(line, Lane.BULK, "catalog");
            for (int i = 0; i < 100; i++) {
                waiter(line, Lane.INTERACTIVE, null);
            }

            assertThat(drain(line)).last().isSameAs(bulk);
        }
    }

    @Nested
    class BulkClients {

        @Test
        void takeTurnsRatherThanFirstComeFirstServed() {
            var line = new Line(0);
            var big = new ArrayList<Waiter>();
            for (int i = 0; i < 5; i++) {
                big.add(waiter(line, Lane.BULK, "big"));
            }
            var small = List.of(waiter(line, Lane.BULK, "small"), waiter(line, Lane.BULK, "small"));
            var single = waiter(line, Lane.BULK, null);

            assertThat(drain(line)).containsExactly(big.get(0), small.get(0), single, big.get(1), small.get(1),
                    big.get(2), big.get(3), big.get(4));
        }

        @Test
        void aClientThatComesBackJoinsTheEndOfTheRound() {
            var line = new Line(0);
            var a1 = waiter(line, Lane.BULK, "a");
            var b1 = waiter(line, Lane.BULK, "b");
            var b2 = waiter(line, Lane.BULK, "b");
            assertThat(line.next()).isSameAs(a1);

            var a2 = waiter(line, Lane.BULK, "a");

            assertThat(drain(line)).containsExactly(b1, a2, b2);
        }
    }

    @Test
    void letsWaitersLeaveFromAnywhereInTheLine() {
        var line = new Line(0);
        var leaving = waiter(line, Lane.BULK, "a");
        var staying = waiter(line, Lane.BULK, "b");
        var interactive = waiter(line, Lane.INTERACTIVE, null);

        line.remove(leaving);
        assertThat(line.removeIf(waiter -> waiter == interactive)).isOne();

        assertThat(line.size()).isOne();
        assertThat(drain(line)).containsExactly(staying);
    }

    private static Waiter waiter(Line line, Lane lane, String client) {
        var waiter = new Waiter(Ticket.of(lane, client, () -> false), Waiter.NEVER);
        line.add(waiter);
        return waiter;
    }

    private static List<Waiter> drain(Line line) {
        var served = new ArrayList<Waiter>();
        for (var next = line.next(); next != null; next = line.next()) {
            served.add(next);
        }
        return served;
    }
}
