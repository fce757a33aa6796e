package dev.imagepipeline.web.callback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads IP address literals without ever asking DNS. */
final class AddressLiterals {

    private static final Pattern DOTTED_QUAD = Pattern
            .compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

    /** A label some resolvers read as a number: decimal, octal with a leading 0, or hexadecimal with 0x. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    private AddressLiterals() {
    }

    /** The address an IPv4 dotted quad ({@code 10.0.0.1}) or an IPv6 literal, bracketed or not, stands for. */
    static Optional<InetAddress> parse(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (literal.contains(":")) {
            return ipv6(literal);
        }
        var quad = DOTTED_QUAD.matcher(literal);
        if (!quad.matches()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int part = Integer.parseInt(quad.group(i + 1));
            if (part > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) part;
        }
        return Optional.of(byAddress(bytes));
    }

    /**
     * Whether a host name ends in a number, as {@code 2130706433}, {@code 0x7f.1} or {@code 0177.0.0.1} do. Resolvers
     * disagree on what such a host means (Java reads {@code 0177} as 177, browsers and curl as 127), so a host like
     * that is only accepted as a canonical dotted quad.
     */
    static boolean endsInNumber(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return NUMERIC_LABEL.matcher(name.substring(name.lastIndexOf('.') + 1)).matches();
    }

    private static Optional<InetAddress> ipv6(String literal) {
        if (literal.contains("%")) {
            // A zone names a local interface: nothing a public callback needs, so it is not read at all.
            return Optional.empty();
        }
        try {
            // In brackets, Java reads the text as an IPv6 literal or fails; it never resolves it as a name.
            return Optional.of(InetAddress.getByName("[" + literal + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("Four bytes are always an IPv4 address", impossible);
        }
    }
}
