package dev.imagepipeline.reliability;

import java.nio.file.Path;

/**
 * What every scenario is given.
 *
 * @param jars each service's executable jar as {@code <module>.jar}, as {@link Pipeline#start} takes them
 * @param target this module's build directory; a scenario keeps its logs under {@code target/benchmark-logs/<id>}
 */
record BenchContext(Path jars, Path target) {

    /** A fresh directory for the scenario's process logs. */
    Path logs(String scenario) throws java.io.IOException {
        var logs = target.resolve("benchmark-logs").resolve(scenario);
        java.nio.file.Files.createDirectories(logs);
        return logs;
    }
}
