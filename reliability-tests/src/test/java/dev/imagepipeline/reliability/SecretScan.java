package dev.imagepipeline.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Searches what the pipeline wrote for the configured secrets: every log line of every process, every record with its
 * key and headers, every answer that was not a success. A finding names where it is, with the secret masked.
 */
final class SecretScan {

    private final List<String> secrets;
    private final List<String> leaks = new ArrayList<>();
    private int lines;
    private int records;
    private int answers;

    SecretScan(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    SecretScan logs(Collection<Path> files) {
        for (Path file : files) {
            try {
                // Decoded leniently: a log may hold bytes that are not UTF-8.
                new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().forEach(line -> {
                    lines++;
                    check(line, file.getFileName().toString());
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    SecretScan records(Collection<ConsumerRecord<byte[], byte[]>> topic) {
        for (var record : topic) {
            records++;
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            check(text(record.key()), where + " key");
            check(text(record.value()), where + " value");
            record.headers().forEach(header -> check(text(header.value()), where + " header " + header.key()));
        }
        return this;
    }

    SecretScan answers(Collection<String> bodies) {
        for (String body : bodies) {
            answers++;
            check(body, "an HTTP answer");
        }
        return this;
    }

    private void check(String text, String where) {
        for (String secret : secrets) {
            if (text.contains(secret)) {
                String masked = text.replace(secret, "<" + secret.substring(0, 4) + "…>");
                leaks.add(where + ": " + masked.substring(0, Math.min(masked.length(), 300)));
            }
        }
    }

    private static String text(byte @Nullable [] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    List<String> leaks() {
        return List.copyOf(leaks);
    }

    int lines() {
        return lines;
    }

    int records() {
        return records;
    }

    int answers() {
        return answers;
    }
}
