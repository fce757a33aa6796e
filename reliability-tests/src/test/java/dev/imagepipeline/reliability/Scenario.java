package dev.imagepipeline.reliability;

/**
 * One benchmark scenario of {@link PerformanceBenchmarks}: it starts what it measures (and the baseline it is compared
 * with, in the same run), measures, stops everything, and reports its figures.
 */
interface Scenario {

    /** A short name, for {@code -Dit.test=PerformanceBenchmarks#<method>} and the report's markers: {@code overhead}. */
    String id();

    /** The heading of its section in {@code docs/benchmarks.md}. */
    String title();

    ScenarioResult run(BenchContext context) throws Exception;
}
