package dev.imagepipeline.contracts;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a bulk job came from: one item of a catalog.
 *
 * @param catalogId the catalog the item belongs to
 * @param sku the item's stable key in the upstream system (a SKU, an item id), unique within its catalog
 * @param line the item's line (NDJSON, CSV) or position (JSON array) in the upload, counting from 1
 * @param bulkPartition the partition of the bulk lane the catalog's jobs wait on, chosen as the least busy when the
 *        upload began, so that a catalog rarely waits behind another; absent, the catalog id's hash chooses
 */
public record CatalogItem(CatalogId catalogId, String sku, long line, @Nullable Integer bulkPartition) {

    public CatalogItem {
        Objects.requireNonNull(catalogId, "catalogId");
        Objects.requireNonNull(sku, "sku");
        if (bulkPartition != null && bulkPartition < 0) {
            throw new IllegalArgumentException("bulkPartition must not be negative, not " + bulkPartition);
        }
    }

    /** An item whose catalog's partition the catalog id's hash chooses. */
    public CatalogItem(CatalogId catalogId, String sku, long line) {
        this(catalogId, sku, line, null);
    }
}
