package dev.imagepipeline.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The identity of one catalog: a bulk upload whose items each became a job. Also the key of its records on
 * {@link Topics#CATALOGS}.
 */
public record CatalogId(UUID value) {

    public CatalogId {
        Objects.requireNonNull(value, "value");
    }

    public static CatalogId random() {
        return new CatalogId(UUID.randomUUID());
    }

    /**
     * The catalog an idempotency key names: the same key always gives the same catalog, so a resubmitted upload lands
     * on the jobs of the first.
     */
    public static CatalogId forKey(String idempotencyKey) {
        return new CatalogId(UUID.nameUUIDFromBytes(("catalog:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
    }

    /** The job of the catalog's item with this SKU: the same item of the same catalog is always the same job. */
    public JobId job(String sku) {
        return new JobId(UUID.nameUUIDFromBytes((value + "/" + sku).getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses the canonical UUID form, throwing {@link IllegalArgumentException} for anything else. */
    @JsonCreator
    public static CatalogId parse(String text) {
        return new CatalogId(UUID.fromString(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
