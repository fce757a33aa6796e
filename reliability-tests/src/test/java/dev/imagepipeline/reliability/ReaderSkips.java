package dev.imagepipeline.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.imagepipeline.reliability.MalformedRecords.Sent;

/**
 * The malformed records that readers of a topic without a dead-letter twin logged and skipped, as their logs say
 * ({@code Skipped record <topic>-<partition>@<offset> (key <key>)}): their keys, by topic and service. A restarted
 * service reads them again; that is not counted twice.
 */
final class ReaderSkips {

    private ReaderSkips() {
    }

    static Map<String, Map<String, Set<String>>> of(Map<String, Path> logs, List<Sent> malformed) {
        var skipped = new TreeMap<String, Map<String, Set<String>>>();
        logs.forEach((service, log) -> {
            var lines = lines(log);
            for (var record : malformed.stream().filter(sent -> !sent.deadLettered()).toList()) {
                boolean logged = lines.stream()
                        .anyMatch(line -> line.contains("Skipped record " + record.topic() + "-")
                                && line.contains("(key " + record.key() + ")"));
                if (logged) {
                    skipped.computeIfAbsent(record.topic(), topic -> new TreeMap<>())
                            .computeIfAbsent(service, name -> new TreeSet<>())
                            .add(record.key());
                }
            }
        });
        return skipped;
    }

    private static List<String> lines(Path log) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
