package dev.imagepipeline.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * Everything ingest-api can be told.
 *
 * @param providers the providers a job may name: those generation-worker has configured, so that a job naming another
 *        is refused at once rather than failing later. Empty means {@code local} and each vendor whose credential is
 *        in the environment ({@code REPLICATE_API_TOKEN}, {@code HUGGINGFACE_API_TOKEN}, {@code STABILITY_API_KEY}),
 *        which is generation-worker's own rule
 * @param callbackAllowedNetworks networks in CIDR notation a job's {@code callbackUrl} may name although they are
 *        loopback, private, link-local or otherwise special, such as {@code 127.0.0.0/8} for a receiver on this machine;
 *        empty means public addresses only
 */
@ConfigurationProperties("pipeline.ingest-api")
public record IngestApiSettings(@DefaultValue List<String> providers,
        @DefaultValue List<String> callbackAllowedNetworks) {

    private static final List<Map.Entry<String, String>> CREDENTIALS = List.of(
            Map.entry("replicate", "REPLICATE_API_TOKEN"), Map.entry("huggingface", "HUGGINGFACE_API_TOKEN"),
            Map.entry("stability", "STABILITY_API_KEY"));

    /** The providers a job may name, in this environment. */
    public List<String> providers(Environment environment) {
        if (!providers.isEmpty()) {
            return providers;
        }
        var offered = new ArrayList<String>(List.of("local"));
        for (var vendor : CREDENTIALS) {
            String token = environment.getProperty("pipeline.generation-worker." + vendor.getKey() + ".api-token",
                    environment.getProperty(vendor.getValue(), ""));
            if (!token.isBlank()) {
                offered.add(vendor.getKey());
            }
        }
        return offered;
    }
}
