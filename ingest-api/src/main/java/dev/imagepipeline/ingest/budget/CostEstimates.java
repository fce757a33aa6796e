package dev.imagepipeline.ingest.budget;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.Cost;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.PriceTable;
import dev.imagepipeline.web.pricing.PricingSettings;

/** What a job is expected to cost at its provider's prices, before it runs. */
@Component
public class CostEstimates {

    /** prompt-worker's key: a job that names no provider runs on this one. */
    static final String DEFAULT_PROVIDER = "pipeline.prompt-worker.default-provider";

    private final PriceTable prices;
    private final String defaultProvider;

    CostEstimates(PricingSettings pricing, Environment environment) {
        this.prices = pricing.table();
        this.defaultProvider = environment.getProperty(DEFAULT_PROVIDER, "local");
    }

    /**
     * The cost of the job's images on its provider's model: the request's, or else the provider's catch-all price. A
     * job that reproduces a record asks for the record's model and size.
     *
     * @return absent for a provider the price table does not know: no estimate is better than a wrong one
     */
    public @Nullable Cost estimate(JobSubmitted job) {
        var record = job.reproduce();
        if (record != null) {
            var settings = record.settings();
            return prices
                    .cost(record.provider(), record.model(), settings.numImages(), settings.width(), settings.height())
                    .orElse(null);
        }
        String provider = job.provider() != null ? job.provider() : defaultProvider;
        var resolution = job.settings().resolution();
        return prices.cost(provider, job.model(), job.settings().numImages(), resolution.width(), resolution.height())
                .orElse(null);
    }
}
