package dev.imagepipeline.web.callback;

import java.net.InetAddress;
import java.util.Arrays;

/** An IP network in CIDR notation, such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is one host. */
final class Network {

    private final byte[] prefix;
    private final int bits;
    private final String text;

    private Network(byte[] prefix, int bits, String text) {
        this.prefix = prefix;
        this.bits = bits;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException when the text is not an IPv4 or IPv6 address, optionally followed by
     *         {@code /<prefix length>}
     */
    static Network parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = AddressLiterals.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("'" + cidr + "' is not an IP address or network"))
                .getAddress();
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
        }
        if (bits < 0 || bits > bytes.length * 8) {
            throw new IllegalArgumentException("'" + cidr + "' has an invalid prefix length");
        }
        return new Network(bytes, bits, text);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != prefix.length) {
            return false;
        }
        int whole = bits / 8;
        if (!Arrays.equals(candidate, 0, whole, prefix, 0, whole)) {
            return false;
        }
        int rest = bits % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (candidate[whole] & mask) == (prefix[whole] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
