package dev.imagepipeline.allinone;

import static dev.imagepipeline.allinone.HostileValues.any;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.imagepipeline.allinone.JsonMutations.Mutant;

/**
 * Broken catalog uploads: a JSON array, NDJSON or CSV of a few valid items with one item, one line or the whole text
 * broken the way {@link JsonMutations} breaks a body, and the breakages only a line-based format has.
 */
final class CatalogMutations {

    /** More than the longest line the runner reads ({@code max-line-length}, 65,536 characters). */
    static final int LONG_LINE = 70_000;

    private static final String CSV_HEADER = "sku,description,category,style,num_images,resolution,seed";

    private static final List<String> CSV_ROWS = List.of("CSV-1,stoneware mug,kitchenware,studio,1,512x512,7",
            "CSV-2,\"linen tote bag, natural\",apparel,lifestyle,1,512x512,",
            "CSV-3,brass desk lamp,home_decor,minimal,1,512x512,9");

    private static final List<String> CSV_HEADERS = List.of("", "sku", "sku,description,category",
            "SKU,Description,Category,Style", "\ufeffsku,description,category,style",
            "sku,description,category,style,colour", "sku,sku,description,category,style",
            "sku;description;category;style", "\"sku\",\"description\",category,style",
            "sku,description,category,style,", " , , , ", "sku,description,category,style\u0000",
            "\"sku,description,category,style", "a".repeat(LONG_LINE));

    private static final List<String> CSV_CELLS = List.of("", " ", "\"", "\"unclosed", "a\"b", "\"\"\"\"",
            "\"multi\nline\"", "\"a,b\",c", "abc", "-1", "0", "5", "99999999999", "1e9", "1.5", "NaN", "1x1", "512X512",
            "=HYPERLINK(\"http://fuzz.invalid\")", "@SUM(1+1)", "\u0000", "a\u0001b", "\r", "x".repeat(3000),
            "ä".repeat(LONG_LINE), "CSV-1", "\t", "null", "polaroid", "KITCHENWARE", "studio\u0000");

    /** What is done to the lines of an upload as a whole. */
    private static final List<String> BREAKAGES = List.of("CRLF", "CR only", "no final newline", "blank lines",
            "NUL lines", "long line", "truncated", "byte order mark", "only blank", "repeated line");

    private final Random random;
    private final JsonMutations json;

    CatalogMutations(Random random) {
        this.random = random;
        this.json = new JsonMutations(random);
    }

    static String item(int n) {
        return """
                {"sku":"FUZZ-%d","description":"speckled stoneware mug no. %d","category":"kitchenware",\
                "style":"studio","settings":{"num_images":1,"resolution":"512x512"}}""".formatted(n, n);
    }

    Mutant jsonArray() {
        var items = List.of(item(1), item(2), item(3));
        if (random.nextInt(4) == 0) {
            var whole = json.mutate("{\"items\":[" + String.join(",", items) + "]}");
            return new Mutant("array in an object: " + whole.input(), whole.body());
        }
        int at = random.nextInt(items.size());
        var item = json.mutate(items.get(at));
        return new Mutant("array item " + (at + 1) + ": " + item.input(), join("[", items, at, item.body(), ",", "]"));
    }

    Mutant ndjson() {
        var lines = List.of(item(1), item(2), item(3));
        if (random.nextInt(3) == 0) {
            String breakage = any(random, BREAKAGES);
            return Mutant.of("ndjson: " + breakage, linesBroken(breakage, String.join("\n", lines) + "\n"));
        }
        int at = random.nextInt(lines.size());
        var line = json.mutate(lines.get(at));
        return new Mutant("ndjson line " + (at + 1) + ": " + line.input(),
                join("", lines, at, line.body(), "\n", "\n"));
    }

    Mutant csv() {
        var rows = new ArrayList<>(CSV_ROWS);
        return switch (random.nextInt(4)) {
            case 0 -> {
                String header = any(random, CSV_HEADERS);
                yield Mutant.of("csv header '" + header.substring(0, Math.min(header.length(), 40)) + "'",
                        header + "\n" + String.join("\n", rows) + "\n");
            }
            case 1 -> {
                String breakage = any(random, BREAKAGES);
                yield Mutant.of("csv: " + breakage,
                        linesBroken(breakage, CSV_HEADER + "\n" + String.join("\n", rows) + "\n"));
            }
            default -> {
                int row = random.nextInt(rows.size());
                var cells = new ArrayList<>(List.of(rows.get(row).split(",", -1)));
                int cell = random.nextInt(cells.size());
                cells.set(cell, any(random, CSV_CELLS));
                rows.set(row, String.join(",", cells));
                yield Mutant.of("csv row " + (row + 2) + " cell " + (cell + 1),
                        CSV_HEADER + "\n" + String.join("\n", rows) + "\n");
            }
        };
    }

    private String linesBroken(String breakage, String text) {
        return switch (breakage) {
            case "CRLF" -> text.replace("\n", "\r\n");
            case "CR only" -> text.replace("\n", "\r");
            case "no final newline" -> text.strip();
            case "blank lines" -> text.replace("\n", "\n\n \n\t\n");
            case "NUL lines" -> text.replace("\n", "\n\u0000\n");
            case "long line" -> text + "x".repeat(LONG_LINE) + "\n" + text.lines().skip(1).findFirst().orElse("");
            case "truncated" -> text.substring(0, random.nextInt(text.length()));
            case "byte order mark" -> "\ufeff" + text;
            case "only blank" -> "\n\n\n";
            default -> text + text.lines().reduce((first, last) -> last).orElse("") + "\n";
        };
    }

    /** The items in their frame, one of them replaced by the bytes given. */
    private static byte[] join(String open, List<String> items, int replaced, byte[] replacement, String separator,
            String close) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(open.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.writeBytes(separator.getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(i == replaced ? replacement : items.get(i).getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(close.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
