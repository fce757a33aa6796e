package dev.imagepipeline.reliability;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;

/**
 * Each accepted job as result-notifier shows its client, against the job's first terminal event on the completion
 * topic: the first one stands, whatever follows it.
 */
final class ViewCheck {

    private ViewCheck() {
    }

    static List<String> mismatches(Client client, URI notifier, Set<String> accepted,
            Map<String, List<Ledger.Event>> events) {
        var mismatches = Collections.synchronizedList(new ArrayList<String>());
        try (var requests = Executors.newFixedThreadPool(8)) {
            for (String job : accepted) {
                requests.execute(() -> {
                    String expected = events.getOrDefault(job, List.of())
                            .stream()
                            .filter(Ledger.Event::terminal)
                            .findFirst()
                            .map(ViewCheck::shown)
                            .orElse("not ended");
                    String shown = client.job(notifier, job).map(ViewCheck::shown).orElse("unknown");
                    if (!expected.equals(shown)) {
                        mismatches.add(job + ": the topic says " + expected + ", the view " + shown);
                    }
                });
            }
        }
        return List.copyOf(mismatches);
    }

    private static String shown(Ledger.Event event) {
        return switch (event.type()) {
            case "succeeded" -> "completed " + event.images();
            case "failed" -> "failed " + event.reason();
            default -> event.type();
        };
    }

    private static String shown(JsonNode job) {
        String status = job.path("status").asString();
        return switch (status) {
            case "completed" -> {
                var images = new ArrayList<String>();
                job.path("images").forEach(image -> images.add(image.path("url").asString()));
                yield "completed " + images;
            }
            case "failed" -> "failed " + job.path("errorCode").asString();
            case "canceled" -> status;
            default -> "not ended";
        };
    }
}
