package dev.imagepipeline.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where a process spent its CPU while a JFR recording ran: for each method, the share of execution samples it was on
 * the stack of (callees included), so that a request handler's whole cost shows at its own frame, not spread over the
 * leaves it calls.
 */
final class HotMethods {

    private static final String FRAME_INDENT = "    ";

    private HotMethods() {
    }

    /** Each method found on the stack of any sample, with the share of samples it was on, from 0 to 1. */
    static Map<String, Double> shares(Path recording) {
        var counts = new HashMap<String, Integer>();
        int samples = 0;
        Set<String> stack = null;
        for (String line : print(recording).lines().toList()) {
            if (line.startsWith("jdk.ExecutionSample")) {
                samples++;
                stack = new HashSet<>();
            } else if (line.equals("}") && stack != null) {
                stack.forEach(method -> counts.merge(method, 1, Integer::sum));
                stack = null;
            } else if (stack != null && line.startsWith(FRAME_INDENT) && line.contains("line:")) {
                stack.add(method(line.strip()));
            }
        }
        int all = Math.max(1, samples);
        var shares = new HashMap<String, Double>();
        counts.forEach((method, count) -> shares.put(method, count / (double) all));
        return shares;
    }

    /** {@code tools.jackson.Foo.bar(int, String) line: 12} as {@code tools.jackson.Foo.bar}. */
    private static String method(String frame) {
        int parameters = frame.indexOf('(');
        return parameters < 0 ? frame : frame.substring(0, parameters);
    }

    private static String print(Path recording) {
        var jfr = Path.of(System.getProperty("java.home"), "bin", "jfr").toString();
        try {
            var process = new ProcessBuilder(jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96",
                    recording.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("jfr print " + recording + " failed:\n" + output);
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
