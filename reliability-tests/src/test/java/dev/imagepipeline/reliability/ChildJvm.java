package dev.imagepipeline.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One JVM of the system under test, as its own OS process: its output appended to a log file across restarts, ready
 * once a line says so, and killed with SIGKILL or stopped with SIGTERM.
 */
final class ChildJvm {

    /** Little heap and C1 only: six JVMs share two cores with the suite. */
    static final List<String> LEAN = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData");

    /**
     * A service as a benchmark runs it: the JVM's full JIT, as a deployment has it and as the baselines' clients in the
     * benchmark's own JVM have it, with the heap bounded and the serial collector a small container's JVM picks.
     */
    static final List<String> MEASURED = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final String readyLine;
    private volatile @Nullable Process process;
    private long logOffset;
    private int starts;

    ChildJvm(String name, List<String> command, Map<String, String> environment, Path log, String readyLine) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.readyLine = readyLine;
    }

    static List<String> java(List<String> arguments) {
        return java(LEAN, arguments);
    }

    /** The JDK this JVM runs on (the build's toolchain), with the JVM options given instead of {@link #LEAN}. */
    static List<String> java(List<String> options, List<String> arguments) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(arguments);
        return command;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    synchronized void start() {
        try {
            starts++;
            Files.writeString(log,
                    "%n==== fault suite: start %d of %s at %s ====%n".formatted(starts, name, Instant.now()),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logOffset = Files.size(log);
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** Waits for the ready line of the latest start; fails at once if the process ends first. */
    void awaitReady(Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(200)).until(this::ready);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " was not ready within " + within + ":\n" + tail(), e);
        }
    }

    private boolean ready() {
        if (output().contains(readyLine)) {
            return true;
        }
        var running = process;
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException(name + " exited before it was ready:\n" + tail());
        }
        return false;
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    synchronized void kill() {
        var running = process;
        if (running == null) {
            return;
        }
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        waitFor(running, Duration.ofSeconds(30));
        process = null;
    }

    /** SIGTERM, then SIGKILL if it does not end in time. */
    synchronized void stop() {
        var running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        if (!waitFor(running, Duration.ofSeconds(30))) {
            kill();
        }
        process = null;
    }

    /** The running process's id, for reading its CPU time and heap; empty when it does not run. */
    OptionalLong pid() {
        var running = process;
        return running != null && running.isAlive() ? OptionalLong.of(running.pid()) : OptionalLong.empty();
    }

    boolean alive() {
        var running = process;
        return running != null && running.isAlive();
    }

    private String output() {
        try {
            var bytes = Files.readAllBytes(log);
            return new String(bytes, (int) Math.min(logOffset, bytes.length),
                    (int) Math.max(0, bytes.length - logOffset), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        String output = output();
        return output.substring(Math.max(0, output.length() - 4000));
    }

    private static boolean waitFor(Process process, Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
