package dev.imagepipeline.reliability;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a scenario measured.
 *
 * @param setup how it was measured: load, sizes, settings, in a sentence or two
 * @param figures the numbers, each with its baseline and goal where it has one
 * @param notes what a reader needs to judge them: why a goal is missed, what a profile showed
 */
record ScenarioResult(String id, String title, String setup, List<Figure> figures, List<String> notes) {

    /**
     * One measured number.
     *
     * @param baseline the same quantity measured without the pipeline (raw Kafka, a direct provider call) in the same
     *        run; the report shows the ratio {@code value / baseline}
     * @param goal what the issue asks for, and whether this run met it
     */
    record Figure(String name, double value, String unit, @Nullable Double baseline, @Nullable Goal goal) {

        static Figure of(String name, double value, String unit) {
            return new Figure(name, value, unit, null, null);
        }

        Figure against(double baseline) {
            return new Figure(name, value, unit, baseline, goal);
        }

        Figure aiming(String goal, boolean met) {
            return new Figure(name, value, unit, baseline, new Goal(goal, met));
        }

        @Nullable
        Double ratio() {
            return baseline == null || baseline == 0 ? null : value / baseline;
        }
    }

    /** A goal of the issue, as text ("ratio ≤ 1.5"), and whether the run met it. */
    record Goal(String text, boolean met) {
    }
}
