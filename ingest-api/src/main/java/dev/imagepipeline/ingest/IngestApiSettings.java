package dev.imagepipeline.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

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
 * @param catalogs how catalog uploads are read
 * @param budgets US dollars each API client, by its name, may spend in a calendar month (UTC), at the estimated cost
 *        of its jobs in flight and the recorded cost of those that succeeded; a client not named has no budget
 */
@ConfigurationProperties("pipeline.ingest-api")
public record IngestApiSettings(@DefaultValue List<String> providers,
        @DefaultValue List<String> callbackAllowedNetworks, @DefaultValue Catalogs catalogs,
        @DefaultValue Map<String, BigDecimal> budgets) {

    @ConstructorBinding
    public IngestApiSettings {
        budgets = Map.copyOf(budgets);
        if (budgets.values().stream().anyMatch(budget -> budget.signum() < 0)) {
            throw new IllegalArgumentException("pipeline.ingest-api.budgets are never negative");
        }
    }

    /** The settings with catalog uploads read by their defaults, and no budgets. */
    public IngestApiSettings(List<String> providers, List<String> callbackAllowedNetworks) {
        this(providers, callbackAllowedNetworks, Catalogs.defaults(), Map.of());
    }

    /**
     * How catalog uploads are read.
     *
     * @param maxItems items one upload may hold; the lines after them are not read, and the response says so
     * @param maxUploadSize bytes one upload may hold, likewise
     * @param maxLineLength characters one item's line (or CSV record) may hold; a longer one is rejected
     * @param batchSize items queued with one round trip to the broker
     * @param rememberedJobs how many recent jobs each instance remembers, so that an upload sent again with the same
     *        {@code Idempotency-Key} does not make them twice
     * @param replayWait how long such an upload waits, at most, while a starting instance reads the retained job
     *        events; after that it is answered {@code 503} with a time to retry
     * @param generationGroup generation-worker's consumer group, whose progress on the bulk lane tells which partition
     *        is least busy when an upload begins
     */
    public record Catalogs(@DefaultValue("100000") int maxItems, @DefaultValue("256MB") DataSize maxUploadSize,
            @DefaultValue("65536") int maxLineLength, @DefaultValue("500") int batchSize,
            @DefaultValue("500000") int rememberedJobs, @DefaultValue("10s") Duration replayWait,
            @DefaultValue("generation-worker") String generationGroup) {

        public Catalogs {
            if (maxItems < 1 || maxLineLength < 1 || batchSize < 1 || rememberedJobs < 1) {
                throw new IllegalArgumentException("pipeline.ingest-api.catalogs limits must be at least 1");
            }
        }

        /** The defaults, as binding an empty configuration gives them. */
        public static Catalogs defaults() {
            return new Catalogs(100_000, DataSize.ofMegabytes(256), 65_536, 500, 500_000, Duration.ofSeconds(10),
                    "generation-worker");
        }
    }

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
