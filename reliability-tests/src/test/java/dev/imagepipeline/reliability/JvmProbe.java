package dev.imagepipeline.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What a child JVM holds, read from outside as an operator would: its live heap after a full GC and the classes that
 * fill it ({@code jcmd GC.class_histogram}), its threads and resident memory ({@code /proc/<pid>/status}).
 */
final class JvmProbe {

    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** {@code /proc}'s unit of CPU time: {@code getconf CLK_TCK} is 100 on every Linux this runs on. */
    private static final int CLOCK_TICKS = 100;

    private final long pid;

    JvmProbe(long pid) {
        this.pid = pid;
    }

    /** The live heap after a full GC, and its largest classes. */
    record Heap(long liveBytes, List<String> largest) {

        double liveMb() {
            return liveBytes / (1024.0 * 1024.0);
        }
    }

    /** A class histogram forces a full GC first, so its total is the heap the process needs, not what it left. */
    Heap heapAfterFullGc(int largest) {
        String histogram = jcmd("GC.class_histogram");
        var total = TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("No total in the class histogram of " + pid + ":\n" + histogram);
        }
        var rows = new ArrayList<String>();
        for (String line : histogram.lines().toList()) {
            var row = ROW.matcher(line);
            if (row.find() && rows.size() < largest) {
                rows.add("%s %,d KB (%,d)".formatted(row.group(3), Long.parseLong(row.group(2)) / 1024,
                        Long.parseLong(row.group(1))));
            }
        }
        return new Heap(Long.parseLong(total.group(2)), rows);
    }

    /** The process's operating-system threads; a virtual thread is none until it runs. */
    int threads() {
        return (int) status("Threads:");
    }

    /** Resident memory, in MB. */
    double residentMb() {
        return status("VmRSS:") / 1024.0;
    }

    /** Platform threads as {@code jcmd Thread.print} lists them, by the first word of their names, for a note. */
    String threadNames() {
        var names = new TreeMap<String, Integer>();
        jcmd("Thread.print").lines()
                .filter(line -> line.startsWith("\""))
                .map(line -> line.substring(1, line.indexOf('"', 1)).split(" \\| ")[0].replaceAll("[-#\\s]*\\d+$", ""))
                .forEach(name -> names.merge(name, 1, Integer::sum));
        return names.toString();
    }

    /** CPU time the process has used so far, user and system, in seconds. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a JFR recording with the profiling settings; it ends, into the file, when closed. */
    AutoCloseable record(Path file) {
        jcmd("JFR.start name=bench settings=profile filename=" + file.toAbsolutePath());
        return () -> jcmd("JFR.stop name=bench");
    }

    private long status(String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))
                    .stream()
                    .filter(line -> line.startsWith(field))
                    .map(line -> line.substring(field.length()).trim().split("\\s+")[0])
                    .mapToLong(Long::parseLong)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + field + " for " + pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jcmd(String command) {
        var jcmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        jcmd.addAll(List.of(command.split(" ")));
        try {
            var process = new ProcessBuilder(jcmd).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
