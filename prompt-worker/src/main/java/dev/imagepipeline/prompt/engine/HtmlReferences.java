package dev.imagepipeline.prompt.engine;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code html.unescape}, for numeric references and the named ones a prompt plausibly carries. */
final class HtmlReferences {

    private static final Pattern REFERENCE = Pattern
            .compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
    // HTML5 accepts these legacy names without the semicolon; apos needs it.
    private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("amp", "&"), Map.entry("AMP", "&"),
            Map.entry("lt", "<"), Map.entry("LT", "<"), Map.entry("gt", ">"), Map.entry("GT", ">"),
            Map.entry("quot", "\""), Map.entry("QUOT", "\""), Map.entry("nbsp", "\u00A0"), Map.entry("apos;", "'"),
            Map.entry("amp;", "&"), Map.entry("AMP;", "&"), Map.entry("lt;", "<"), Map.entry("LT;", "<"),
            Map.entry("gt;", ">"), Map.entry("GT;", ">"), Map.entry("quot;", "\""), Map.entry("QUOT;", "\""),
            Map.entry("nbsp;", "\u00A0"));
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private HtmlReferences() {
    }

    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return REFERENCE.matcher(text).replaceAll(match -> Matcher.quoteReplacement(decode(match.group(1))));
    }

    private static String decode(String reference) {
        if (reference.charAt(0) != '#') {
            return named(reference);
        }
        boolean hex = reference.startsWith("#x") || reference.startsWith("#X");
        var digits = reference.substring(hex ? 2 : 1).replace(";", "");
        return numeric(new BigInteger(digits, hex ? 16 : 10).min(BigInteger.valueOf(0x110000)).intValue());
    }

    private static String named(String name) {
        for (int end = name.length(); end > 1; end--) {
            var value = NAMED.get(name.substring(0, end));
            if (value != null) {
                return value + name.substring(end);
            }
        }
        return "&" + name;
    }

    // The HTML5 rules for references to code points that a document may not contain.
    private static String numeric(int code) {
        if (code == 0 || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
            return "\uFFFD";
        }
        if (code >= 0x80 && code <= 0x9F) {
            var decoded = new String(new byte[]{(byte) code}, WINDOWS_1252);
            return decoded.equals("\uFFFD") ? Character.toString(code) : decoded;
        }
        boolean forbidden = code <= 0x08 || code == 0x0B || (code >= 0x0E && code <= 0x1F) || code == 0x7F
                || (code >= 0xFDD0 && code <= 0xFDEF) || (code & 0xFFFE) == 0xFFFE;
        return forbidden ? "" : Character.toString(code);
    }

}
