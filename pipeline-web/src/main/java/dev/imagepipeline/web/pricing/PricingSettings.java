package dev.imagepipeline.web.pricing;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.imagepipeline.contracts.PriceTable;

/**
 * The prices a job's cost is worked out with: {@link PriceTable}'s defaults, each replaced or joined by one configured
 * here. One binding for every service, so that ingest-api's estimate and generation-worker's recorded cost read the
 * same prices.
 *
 * @param prices by {@code <provider>/<model>}, or {@code <provider>} for its models not listed, e.g.
 *        {@code pipeline.pricing.prices[replicate/flux-schnell].per-image=0.003}; {@code per-megapixel} for a
 *        provider that bills by size, both in US dollars
 * @param asOf when the configured prices were read, e.g. {@code 2026-11}, named in every cost's basis
 */
@ConfigurationProperties("pipeline.pricing")
public record PricingSettings(@DefaultValue Map<String, PriceTable.Price> prices, @Nullable String asOf) {

    public PriceTable table() {
        return PriceTable.of(prices, asOf);
    }
}
