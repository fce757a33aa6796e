package dev.imagepipeline.allinone;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** The values the fuzz puts where a valid one belongs: in a JSON field, a header, a path segment or a query. */
final class HostileValues {

    /** JSON texts of every type, for a field that wants another. */
    static final List<String> WRONG_TYPES = List.of("null", "true", "false", "0", "-1", "1.5", "\"\"", "\" \"", "\"x\"",
            "[]", "{}", "[null]", "[1,2,3]", "{\"a\":{}}", "\"1\"", "\"true\"", "\"null\"", "[\"studio\"]",
            "{\"value\":\"studio\"}");

    /** Numbers no field takes: out of every range, or not whole, or beyond double and long. */
    static final List<String> NUMBERS = List.of("0", "-1", "5", "4.5", "-0", "2147483648", "-2147483649",
            "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "1e400", "-1e400",
            "1.7976931348623157e309", "4.9e-325", "0.1", "20.000001", "1e2", "0e0", "100000000000000000000.0");

    /** Texts that break what a string field's reader might assume, all valid JSON. */
    static final List<String> STRINGS = List.of("\"\\u0000\"", "\"mug\\u0000with NUL\"", "\"\\u0001\\u0002\\u001f\"",
            "\"\\r\\nX-Injected: 1\"", "\"\\u202egnp.exe\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ufeffmug\"",
            "\"mug 🫖 with 👩‍👩‍👧 emoji\"", "\"m\\u0301\\u0301\\u0301u\\u0308g\"", "\"\\u200b\\u200b\"",
            "\"<script>alert(1)</script>\"", "\"'; DROP TABLE jobs; --\"", "\"${jndi:ldap://fuzz.invalid/a}\"",
            "\"%s%s%n%x\"", "\"../../../etc/passwd\"", "\"\\\\\\\\server\\\\share\"", "\"\\t\\t\\t\"",
            "\"KITCHENWARE\"", "\" studio \"", "\"Studio\"", "\"white background\"", "\"white_background\\u0000\"",
            "\"512X512\"", "\"1024x1024 \"", "\"0x0\"", "\"-512x-512\"", "\"99999x99999\"", "\"local\\u0000\"",
            "\"LOCAL\"", "\"replicate\"", "\"nonexistent-provider\"", "\"javascript:alert(1)\"",
            "\"http://127.0.0.1:1/hook\"", "\"http://169.254.169.254/latest/meta-data/\"", "\"file:///etc/passwd\"",
            "\"https://user:pass@[::1]/x\"", "\"https://fuzz.invalid:99999/\"", "\"//fuzz.invalid/x\"",
            "\"https://%zz/\"", "\"http://0x7f.1/\"", "\"https://[fe80::1%25eth0]/\"");

    /** Header values no header takes, written as the bytes go out (ISO-8859-1; UTF-8 spelled byte by byte). */
    static final List<String> HEADERS = List.of("", " ", "\t", "x", "\u0000", "a\u0001b", "\u007f", "é", utf8("😀 ü"),
            "a".repeat(201), "b".repeat(6000), "=?utf-8?b?w6k=?=", "null", "undefined", "-1", "0",
            "99999999999999999999999", "${jndi:ldap://fuzz.invalid/a}", "\"quoted\"", "a, b, c", ";;;", "%00", "\\x00");

    /** Path segments in place of an id, as they go on the request line. */
    static final List<String> IDS = List.of("abc", "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff", "null", "undefined", "-1", "0", "99999999999999999999", "%00",
            "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2Fetc%2Fpasswd", "%ZZ", "%FF", "%C3%BC",
            "%F0%9F%98%80", utf8("ü"), "%20", "a%0d%0aX-Injected:%201", "1;jsessionid=abc", "x".repeat(300),
            "y".repeat(5000), "{00000000-0000-0000-0000-000000000000}", "00000000000000000000000000000000", "0-0-0-0-0",
            "00000000-0000-0000-0000-00000000000g", "%7B%7D", "*", "..", ".", "~", "$", "%252e%252e", "a/b", "\\x00");

    private HostileValues() {
    }

    static <T> T any(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** UTF-8 bytes as the ISO-8859-1 characters a raw request writes them with. */
    static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
