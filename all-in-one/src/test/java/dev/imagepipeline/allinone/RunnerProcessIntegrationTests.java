package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The runner as its own process, as a person starts it: it says where to go, and SIGTERM stops the broker cleanly. */
class RunnerProcessIntegrationTests {

    private static final Pattern DATA_DIR = Pattern.compile("listening on localhost:\\d+, data in (\\S+)");

    @Test
    void printsWhereToGoAndStopsTheBrokerAndDeletesItsDataOnSigterm() throws Exception {
        var output = new CopyOnWriteArrayList<String>();
        var ready = new CompletableFuture<Void>();
        var ended = new CompletableFuture<Void>();
        Process runner = new ProcessBuilder(javaOfThisJvm(), "-cp", System.getProperty("java.class.path"),
                AllInOneApplication.class.getName(), "--server.port=0", "--pipeline.runner.broker-port=0")
                .redirectErrorStream(true)
                .start();
        try {
            follow(runner, output, ready, ended);
            ready.get(120, TimeUnit.SECONDS);
            Path dataDir = Path.of(find(output, DATA_DIR).group(1));
            assertThat(dataDir).exists();
            assertThat(String.join("\n", output)).contains("image-pipeline is ready", "curl -N http://localhost:");

            runner.destroy();

            assertThat(runner.waitFor(60, TimeUnit.SECONDS)).as("runner exited after SIGTERM").isTrue();
            ended.get(10, TimeUnit.SECONDS);
            // Deleted only by the broker's close, after the broker has shut down.
            assertThat(dataDir).doesNotExist();
        } finally {
            runner.destroyForcibly();
        }
    }

    private static void follow(Process process, List<String> output, CompletableFuture<Void> ready,
            CompletableFuture<Void> ended) {
        Thread.ofVirtual().start(() -> {
            try (var lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.contains("image-pipeline is ready")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("runner exited:\n" + String.join("\n", output)));
            ended.complete(null);
        });
    }

    private static Matcher find(List<String> output, Pattern pattern) {
        return output.stream()
                .map(pattern::matcher)
                .filter(Matcher::find)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line matches " + pattern));
    }

    private static String javaOfThisJvm() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
