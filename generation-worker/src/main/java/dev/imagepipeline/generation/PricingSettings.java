package dev.imagepipeline.generation;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.imagepipeline.contracts.PriceTable;

/**
 * The prices the recorded cost of a job is worked out with: {@link PriceTable}'s defaults, each replaced or joined by
 * one configured here. Shared with ingest-api, which estimates a job's cost with the same keys.
 *
 * @param prices by {@code <provider>/<model>}, or {@code <provider>} for its models not listed, e.g.
 *        {@code pipeline.pricing.prices[replicate/flux-schnell].per-image=0.003}; {@code per-megapixel} for a
 *        provider that bills by size
 * @param asOf when the configured prices were read, named in every cost's basis
 */
@ConfigurationProperties("pipeline.pricing")
public record PricingSettings(@DefaultValue Map<String, PriceTable.Price> prices, @Nullable String asOf) {

    public PriceTable table() {
        return PriceTable.of(prices, asOf);
    }
}
