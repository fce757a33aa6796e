package dev.imagepipeline.ingest.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CSV as RFC 4180 writes it (quoted fields may hold commas, quotes and line breaks), with a header row naming the
 * columns. Each column fills one field of the JSON item; an empty cell leaves its field out.
 */
final class CsvItems implements ItemSource {

    /** Column name → where it goes in the JSON item ({@code settings.} for the image settings). */
    static final Map<String, String> COLUMNS = columns();

    static final List<String> REQUIRED = List.of("sku", "description", "category", "style");

    private final LineReader in;
    private final JsonMapper json;
    private final List<String> header;
    private int pending = Integer.MIN_VALUE;

    /**
     * Reads the header row.
     *
     * @throws UnreadableUploadException when it is missing, names an unknown column, or lacks a required one
     */
    CsvItems(LineReader in, JsonMapper json) {
        this.in = in;
        this.json = json;
        var first = record();
        if (first == null || first.fields() == null) {
            throw new UnreadableUploadException(1, "A CSV catalog begins with a header row naming its columns: "
                    + String.join(",", REQUIRED) + " and any of " + COLUMNS.keySet());
        }
        this.header = first.fields().stream().map(CsvItems::columnName).toList();
        for (String column : header) {
            if (!COLUMNS.containsKey(column)) {
                throw new UnreadableUploadException(1,
                        "The header names an unknown column '" + column + "'; known columns: " + COLUMNS.keySet());
            }
        }
        var missing = REQUIRED.stream().filter(column -> !header.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableUploadException(1, "The header lacks the required columns " + missing);
        }
    }

    @Override
    public @Nullable SourceItem next() {
        while (true) {
            var record = record();
            if (record == null) {
                return null;
            }
            if (record.fields() == null) {
                return SourceItem.unreadable(record.line(), "is longer than " + in.maxLength() + " characters");
            }
            if (record.fields().size() == 1 && record.fields().getFirst().isBlank()) {
                continue;
            }
            if (record.fields().size() > header.size()) {
                return SourceItem.unreadable(record.line(),
                        "has " + record.fields().size() + " fields; the header names " + header.size());
            }
            return SourceItem.of(record.line(), item(record.fields()));
        }
    }

    private ObjectNode item(List<String> fields) {
        var item = json.createObjectNode();
        for (int i = 0; i < fields.size(); i++) {
            String value = fields.get(i).strip();
            if (value.isEmpty()) {
                continue;
            }
            String target = COLUMNS.get(header.get(i));
            if (target.startsWith("settings.")) {
                var settings = item.has("settings") ? (ObjectNode) item.get("settings") : item.putObject("settings");
                settings.put(target.substring("settings.".length()), value);
            } else {
                item.put(target, value);
            }
        }
        return item;
    }

    /** One record: its fields, or {@code null} fields when it was too long; {@code null} at the end of the input. */
    private @Nullable Row record() {
        long line = in.line();
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        int length = 0;
        boolean quoted = false;
        boolean any = false;
        while (true) {
            int c = read();
            if (c == LineReader.END) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            if (quoted) {
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        length = append(field, '"', length);
                    } else {
                        quoted = false;
                        pending = next;
                    }
                } else {
                    length = append(field, c, length);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                break;
            } else {
                length = append(field, c, length);
            }
        }
        fields.add(field.toString());
        return new Row(line, length > in.maxLength() ? null : fields);
    }

    /** Keeps the characters of a record up to the limit; counts them all. */
    private int append(StringBuilder field, int c, int length) {
        if (length < in.maxLength()) {
            field.append((char) c);
        }
        return length + 1;
    }

    private int read() {
        if (pending != Integer.MIN_VALUE) {
            int c = pending;
            pending = Integer.MIN_VALUE;
            return c;
        }
        return in.read();
    }

    private static String columnName(String header) {
        String name = header.strip().toLowerCase(Locale.ROOT);
        // A spreadsheet may save a byte order mark before the first column's name.
        return name.startsWith("\uFEFF") ? name.substring(1) : name;
    }

    private static Map<String, String> columns() {
        var columns = new LinkedHashMap<String, String>();
        for (String plain : List.of("sku", "description", "category", "style", "marketplace", "autofix", "provider",
                "model")) {
            columns.put(plain, plain);
        }
        columns.put("additional_context", "additionalContext");
        columns.put("callback_url", "callbackUrl");
        for (String setting : List.of("num_images", "resolution", "guidance_scale", "seed")) {
            columns.put(setting, "settings." + setting);
        }
        return Collections.unmodifiableMap(columns);
    }

    private record Row(long line, @Nullable List<String> fields) {
    }
}
