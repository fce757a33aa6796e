package dev.imagepipeline.ingest.budget;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.imagepipeline.contracts.PriceTable;

/**
 * The prices jobs are estimated at: the defaults of {@link PriceTable}, each replaced or joined by one configured.
 * generation-worker binds the same keys to record what a job cost, so an estimate and its recorded cost agree.
 *
 * @param prices by {@code <provider>/<model>}, or {@code <provider>} for its models not listed, each with
 *        {@code per-image} and {@code per-megapixel} in US dollars
 * @param asOf when the configured prices were read, e.g. {@code 2026-11}; every estimate's basis names it
 */
@ConfigurationProperties("pipeline.pricing")
public record Pricing(@DefaultValue Map<String, PriceTable.Price> prices, @Nullable String asOf) {

    PriceTable table() {
        return PriceTable.of(prices, asOf);
    }
}
