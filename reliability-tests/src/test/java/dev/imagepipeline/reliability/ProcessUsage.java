package dev.imagepipeline.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What a process of the system under test uses, read from {@code /proc} and from its JVM: CPU time, resident memory at
 * its peak, and heap. Linux only; a figure that cannot be read is -1.
 */
final class ProcessUsage {

    /** A heap's size in {@code GC.heap_info}: each generation's (Serial, Parallel) or the whole heap's (G1, ZGC). */
    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern PEAK_RESIDENT = Pattern.compile("VmHWM:\\s+(\\d+) kB");
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    /** A JVM's heap, in megabytes, as {@code jcmd <pid> GC.heap_info} reports it. */
    record Heap(double usedMb, double committedMb) {
    }

    private ProcessUsage() {
    }

    /** CPU time the process has used so far, user and system, from {@code /proc/<pid>/stat}. */
    static Duration cpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // After the command's name, which may hold spaces, in parentheses: utime and stime are fields 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Duration.ofMillis(-1);
        }
    }

    /** The most memory the process has held resident, in megabytes ({@code VmHWM}). */
    static double peakResidentMb(long pid) {
        try {
            var peak = PEAK_RESIDENT.matcher(
                    Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII));
            return peak.find() ? Long.parseLong(peak.group(1)) / 1024.0 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The heap as it stands; {@code GC.run} first makes it the live heap. */
    static Heap heap(long pid) {
        return heap(run(jcmd(), Long.toString(pid), "GC.heap_info"));
    }

    /** The heap after a full collection: what the process holds on to. */
    static Heap liveHeap(long pid) {
        run(jcmd(), Long.toString(pid), "GC.run");
        return heap(pid);
    }

    static String threadDump(long pid) {
        return run(jcmd(), Long.toString(pid), "Thread.print");
    }

    private static Heap heap(String info) {
        long used = 0;
        long committed = 0;
        var sizes = HEAP.matcher(info);
        while (sizes.find()) {
            committed += Long.parseLong(sizes.group(1));
            used += Long.parseLong(sizes.group(2));
        }
        return committed == 0 ? new Heap(-1, -1) : new Heap(used / 1024.0, committed / 1024.0);
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    private static long ticksPerSecond() {
        try {
            return Long.parseLong(run("getconf", "CLK_TCK").strip());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private static String run(String... command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
