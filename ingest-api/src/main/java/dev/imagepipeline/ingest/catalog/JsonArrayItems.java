package dev.imagepipeline.ingest.catalog;

import java.io.InputStream;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON array of item objects, read one element at a time. An element that is not an object is reported on its own;
 * a syntax error ends the upload, since nothing after it can be trusted to be where it seems.
 */
final class JsonArrayItems implements ItemSource {

    private final JsonParser parser;
    private long position;

    /**
     * Reads up to the array's opening bracket.
     *
     * @throws UnreadableUploadException when the body does not begin with one
     */
    JsonArrayItems(InputStream in, JsonMapper json) {
        try {
            this.parser = json.createParser(in);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UnreadableUploadException(0, "A JSON catalog is an array of item objects.");
            }
        } catch (JacksonException e) {
            throw new UnreadableUploadException(0, "A JSON catalog is an array of item objects.");
        }
    }

    @Override
    public @Nullable SourceItem next() {
        long item = position + 1;
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                return null;
            }
            position = item;
            // The mapper would refuse the tokens that follow the element, as trailing garbage.
            JsonNode element = parser.readValueAsTree();
            return element instanceof ObjectNode fields
                    ? SourceItem.of(position, fields)
                    : SourceItem.unreadable(position, "is not a JSON object");
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new UnreadableUploadException(item, "is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + " of the body)")
                    + "; the rest of the upload was not read");
        }
    }
}
