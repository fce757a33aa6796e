package dev.imagepipeline.web.callback;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses and names a callback must not reach unless configuration allows it: loopback, private, link-local,
 * multicast, unspecified, reserved and cloud metadata addresses, also when an IPv6 address carries one in IPv4 form.
 */
final class SpecialAddresses {

    private static final String METADATA = "a cloud metadata address";
    private static final String LOOPBACK = "a loopback address";
    private static final String PRIVATE = "a private address";
    private static final String LINK_LOCAL = "a link-local address";
    private static final String MULTICAST = "a multicast address";
    private static final String UNSPECIFIED = "an unspecified address";
    private static final String RESERVED = "a reserved address";

    /** Checked in order, so the cloud metadata addresses are named as such rather than as link-local or private. */
    private static final List<Range> RANGES = List.of(range("169.254.169.254", METADATA),
            range("169.254.170.2", METADATA), range("100.100.100.200", METADATA), range("fd00:ec2::254", METADATA),
            range("0.0.0.0/8", UNSPECIFIED), range("127.0.0.0/8", LOOPBACK), range("10.0.0.0/8", PRIVATE),
            range("172.16.0.0/12", PRIVATE), range("192.168.0.0/16", PRIVATE), range("100.64.0.0/10", PRIVATE),
            range("169.254.0.0/16", LINK_LOCAL), range("192.0.0.0/24", RESERVED), range("198.18.0.0/15", RESERVED),
            range("224.0.0.0/4", MULTICAST), range("240.0.0.0/4", RESERVED), range("::/128", UNSPECIFIED),
            range("::1/128", LOOPBACK), range("fc00::/7", PRIVATE), range("fec0::/10", PRIVATE),
            range("64:ff9b:1::/48", PRIVATE), range("fe80::/10", LINK_LOCAL), range("ff00::/8", MULTICAST));

    /**
     * IPv6 forms that carry an IPv4 address (compatible, NAT64, 6to4), and where its four bytes sit. Java turns an
     * IPv4-mapped address ({@code ::ffff:127.0.0.1}) into the IPv4 address itself, so that form needs no entry.
     */
    private static final List<Embedding> EMBEDDINGS = List.of(new Embedding(Network.parse("::/96"), 12),
            new Embedding(Network.parse("64:ff9b::/96"), 12), new Embedding(Network.parse("2002::/16"), 2));

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal");

    private SpecialAddresses() {
    }

    /** What kind of special address this is, or empty for an ordinary public one. */
    static Optional<String> kind(InetAddress address) {
        for (var range : RANGES) {
            if (range.network().contains(address)) {
                return Optional.of(range.kind());
            }
        }
        for (var embedding : EMBEDDINGS) {
            if (embedding.network().contains(address)) {
                byte[] bytes = address.getAddress();
                var ipv4 = Arrays.copyOfRange(bytes, embedding.offset(), embedding.offset() + 4);
                return AddressLiterals.parse(dotted(ipv4)).flatMap(SpecialAddresses::kind);
            }
        }
        return Optional.empty();
    }

    /** Whether a host name is a well-known name of a cloud metadata service. */
    static boolean isMetadataHost(String host) {
        return METADATA_HOSTS.contains(normalized(host));
    }

    /** Whether a host name always means this machine ({@code localhost}, and every name under it, RFC 6761). */
    static boolean isLocalhost(String host) {
        String name = normalized(host);
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("localhost.localdomain");
    }

    private static String normalized(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String dotted(byte[] ipv4) {
        return (ipv4[0] & 0xFF) + "." + (ipv4[1] & 0xFF) + "." + (ipv4[2] & 0xFF) + "." + (ipv4[3] & 0xFF);
    }

    private static Range range(String cidr, String kind) {
        return new Range(Network.parse(cidr), kind);
    }

    private record Range(Network network, String kind) {
    }

    private record Embedding(Network network, int offset) {
    }
}
