package dev.imagepipeline.allinone;

import static dev.imagepipeline.allinone.HostileValues.any;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a valid JSON object into a broken one, the same way for the same {@link Random}: a field dropped, of the
 * wrong type, huge, hostile, out of range, repeated or buried deep; or the text truncated, padded, re-encoded or not
 * JSON at all.
 */
final class JsonMutations {

    /** Where the mutated value goes: a string no valid body holds, replaced in the serialized text. */
    private static final String MARK = "\"@@fuzz@@\"";

    private final Random random;
    private final JsonMapper json = JsonMapper.builder().build();

    JsonMutations(Random random) {
        this.random = random;
    }

    /** A broken variant of the body, with what was done to it. */
    record Mutant(String input, byte[] body) {

        static Mutant of(String input, String text) {
            return new Mutant(input, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    Mutant mutate(String valid) {
        return switch (random.nextInt(20)) {
            case 0, 1 -> replaced(valid, "wrong type", HostileValues.WRONG_TYPES);
            case 2, 3 -> replaced(valid, "number out of range", HostileValues.NUMBERS);
            case 4, 5 -> replaced(valid, "hostile string", HostileValues.STRINGS);
            case 6 -> replaced(valid, "huge string", List.of(hugeString()));
            case 7 -> replaced(valid, "deep nesting", List.of(deep()));
            case 8 -> dropped(valid);
            case 9 -> duplicated(valid);
            case 10 -> Mutant.of("unknown fields",
                    valid.replaceFirst("\\{", "{\"__proto__\":{\"admin\":true},"
                            + "\"@class\":\"java.lang.ProcessBuilder\",\"id\":\"00000000-0000-0000-0000-000000000000\","
                            + "\"status\":\"completed\",\"client\":\"someone-else\","));
            case 11 -> truncated(valid);
            case 12 -> Mutant.of("not an object", any(random, List.of("", " ", "\n\t ", "null", "[]", "[" + valid + "]",
                    "\"" + valid.replace("\"", "\\\"") + "\"", "42", "true", "{}", "{\"\":\"\"}")));
            case 13 -> Mutant.of("trailing data", valid + any(random, List.of("x", "}", valid, "\u0000", ",", "//")));
            case 14 -> Mutant.of("not standard JSON", nonStandard(valid));
            case 15 -> invalidUtf8(valid);
            case 16 -> Mutant.of("byte order mark", "\ufeff" + valid);
            case 17 -> new Mutant("UTF-16", valid.getBytes(StandardCharsets.UTF_16));
            case 18 -> replaced(valid, "null", List.of("null"));
            default -> replaced(valid, "empty container", List.of("[]", "{}", "\"\""));
        };
    }

    /** One value of the body, chosen at random, replaced by one of these JSON texts. */
    private Mutant replaced(String valid, String what, List<String> values) {
        var root = (ObjectNode) json.readTree(valid);
        var slot = any(random, slots(root, ""));
        slot.put(json);
        String text = json.writeValueAsString(root).replace(MARK, any(random, values));
        return Mutant.of(what + " at " + slot.path(), text);
    }

    private Mutant dropped(String valid) {
        var root = (ObjectNode) json.readTree(valid);
        var slot = any(random, slots(root, ""));
        slot.remove();
        return Mutant.of("missing " + slot.path(), json.writeValueAsString(root));
    }

    /** A field written twice, the second time with another value; which one a reader keeps is up to it. */
    private Mutant duplicated(String valid) {
        var root = (ObjectNode) json.readTree(valid);
        var fields = new ArrayList<>(root.propertyNames());
        String field = any(random, fields);
        String again = ",\"" + field + "\":" + any(random, HostileValues.WRONG_TYPES) + "}";
        String text = json.writeValueAsString(root);
        return Mutant.of("duplicate key " + field, text.substring(0, text.length() - 1) + again);
    }

    private Mutant truncated(String valid) {
        int at = random.nextInt(valid.length());
        return Mutant.of("truncated at " + at, valid.substring(0, at));
    }

    private Mutant invalidUtf8(String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int quote = valid.indexOf('"', random.nextInt(valid.length() / 2) + valid.length() / 4);
        byte[] broken = any(random,
                List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC0, (byte) 0xAF},
                        new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
        int at = quote < 0 ? bytes.length / 2 : valid.substring(0, quote + 1).getBytes(StandardCharsets.UTF_8).length;
        byte[] body = new byte[bytes.length + broken.length];
        System.arraycopy(bytes, 0, body, 0, at);
        System.arraycopy(broken, 0, body, at, broken.length);
        System.arraycopy(bytes, at, body, at + broken.length, bytes.length - at);
        return new Mutant("invalid UTF-8", body);
    }

    private String nonStandard(String valid) {
        return switch (random.nextInt(6)) {
            case 0 -> valid.replace('"', '\'');
            case 1 -> "/* comment */" + valid.replaceFirst(",", ", // comment\n");
            case 2 -> valid.substring(0, valid.length() - 1) + ",}";
            case 3 -> valid.replaceAll("\"([a-zA-Z_]+)\":", "$1:");
            case 4 -> valid.replaceFirst(":\\s*\\d+", ":NaN").replaceFirst(":\\s*\"[^\"]*\"", ":Infinity");
            default -> valid.replaceFirst(":\\s*(\\d)", ":000$1").replaceFirst(":\\s*\"[^\"]*\"", ":0x1F");
        };
    }

    private String hugeString() {
        int length = any(random, List.of(1_001, 5_000, 70_000, 300_000));
        return "\"" + "ä".repeat(length) + "\"";
    }

    private String deep() {
        int depth = any(random, List.of(64, 600, 2_000, 20_000));
        return random.nextBoolean()
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** Every value of the tree, objects and arrays included, with how to replace or remove it. */
    private static List<Slot> slots(JsonNode node, String path) {
        var slots = new ArrayList<Slot>();
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                String at = path.isEmpty() ? name : path + "." + name;
                slots.add(new Slot(at, object, name, -1));
                slots.addAll(slots(object.get(name), at));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String at = path + "[" + i + "]";
                slots.add(new Slot(at, array, null, i));
                slots.addAll(slots(array.get(i), at));
            }
        }
        return slots;
    }

    /** A value's place in its object or array. */
    private record Slot(String path, JsonNode parent, String name, int index) {

        void put(JsonMapper json) {
            var mark = json.readTree(MARK);
            if (parent instanceof ObjectNode object) {
                object.set(name, mark);
            } else {
                ((ArrayNode) parent).set(index, mark);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }
}
