package dev.imagepipeline.generation.job;

import java.time.Clock;

import dev.imagepipeline.contracts.PriceTable;
import dev.imagepipeline.generation.compliance.ComplianceChecker;
import dev.imagepipeline.generation.image.ImageStore;

/** Deliveries into a store with the default marketplace rules and prices. */
final class Deliveries {

    private Deliveries() {
    }

    static Delivery into(ImageStore store, Clock clock) {
        return new Delivery(store, ComplianceChecker.withDefaults(), PriceTable.defaultPrices(), clock);
    }
}
