package dev.imagepipeline.ingest.catalog;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One JSON object a line; blank lines are skipped, and a line that is not an object is reported on its own. */
final class NdjsonItems implements ItemSource {

    private final LineReader lines;
    private final JsonMapper json;

    NdjsonItems(LineReader lines, JsonMapper json) {
        this.lines = lines;
        this.json = json;
    }

    @Override
    public @Nullable SourceItem next() {
        while (true) {
            long line = lines.line();
            String text = lines.readLine();
            if (text == null) {
                return null;
            }
            if (text == LineReader.TOO_LONG) {
                return SourceItem.unreadable(line, "is longer than " + lines.maxLength() + " characters");
            }
            if (!text.isBlank()) {
                return parse(line, text);
            }
        }
    }

    private SourceItem parse(long line, String text) {
        try {
            return json.readTree(text) instanceof ObjectNode item
                    ? SourceItem.of(line, item)
                    : SourceItem.unreadable(line, "is not a JSON object");
        } catch (JacksonException e) {
            return SourceItem.unreadable(line, "is not valid JSON");
        }
    }
}
