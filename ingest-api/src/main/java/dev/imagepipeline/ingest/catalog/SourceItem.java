package dev.imagepipeline.ingest.catalog;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * One item of an upload as its format gave it, before it is checked.
 *
 * @param line the item's line (NDJSON, CSV: where its record begins) or its position in a JSON array, from 1
 * @param fields the item's fields in the JSON shape of {@code POST /api/generate} plus {@code sku}; absent when the
 *        line could not be read
 * @param problem why the line could not be read
 */
record SourceItem(long line, @Nullable ObjectNode fields, @Nullable String problem) {

    static SourceItem of(long line, ObjectNode fields) {
        return new SourceItem(line, fields, null);
    }

    static SourceItem unreadable(long line, String problem) {
        return new SourceItem(line, null, problem);
    }
}
