package dev.imagepipeline.ingest.catalog;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.CatalogId;

/**
 * Chooses the partition of the bulk lane a new upload's jobs wait on: the one with the fewest jobs waiting, so that a
 * catalog rarely waits behind another on the same partition.
 */
public interface BulkPartitions {

    /** The least busy partition, or {@code null} when it cannot be told, and the catalog id's hash chooses. */
    @Nullable
    Integer leastBusy(CatalogId catalog);
}
