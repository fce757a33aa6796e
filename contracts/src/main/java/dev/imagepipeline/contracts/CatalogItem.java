package dev.imagepipeline.contracts;

import java.util.Objects;

/**
 * Where a bulk job came from: one item of a catalog.
 *
 * @param catalogId the catalog the item belongs to
 * @param sku the item's stable key in the upstream system (a SKU, an item id), unique within its catalog
 * @param line the item's line (NDJSON, CSV) or position (JSON array) in the upload, counting from 1
 */
public record CatalogItem(CatalogId catalogId, String sku, long line) {

    public CatalogItem {
        Objects.requireNonNull(catalogId, "catalogId");
        Objects.requireNonNull(sku, "sku");
    }
}
