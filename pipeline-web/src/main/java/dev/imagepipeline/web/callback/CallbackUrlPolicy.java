package dev.imagepipeline.web.callback;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF rule for callback URLs: absolute http or https, no user information, a valid port, and a host that is
 * neither a special address ({@link SpecialAddresses}) nor a name for one, unless it lies in a network the
 * configuration allows. ingest-api checks a job's URL before it accepts the job; result-notifier checks it again when
 * it delivers, and the addresses the host resolves to on every connection, since DNS can change in between.
 */
public final class CallbackUrlPolicy {

    public static final int MAX_LENGTH = 2048;

    private static final List<InetAddress> LOCALHOST = List.of(InetAddress.getLoopbackAddress(),
            AddressLiterals.parse("::1").orElseThrow());

    private final List<Network> allowed;

    /**
     * @param allowedNetworks networks in CIDR notation that callbacks may reach although they are special, such as
     *        {@code 127.0.0.0/8} for a test's receiver
     * @throws IllegalArgumentException when one is not a network
     */
    public CallbackUrlPolicy(List<String> allowedNetworks) {
        this.allowed = allowedNetworks.stream().map(Network::parse).toList();
    }

    /**
     * @throws RefusedCallbackException when the URL may not be called
     */
    public URI check(String url) {
        if (url.length() > MAX_LENGTH) {
            throw new RefusedCallbackException("is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedCallbackException("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedCallbackException("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedCallbackException("must not carry user information (user:password@)");
        }
        if (uri.getHost() == null) {
            throw new RefusedCallbackException("has no valid host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new RefusedCallbackException("has an invalid port");
        }
        checkHost(uri.getHost());
        return uri;
    }

    /**
     * Checks what a host resolved to: all of its addresses, since a client may try any of them.
     *
     * @throws RefusedCallbackException when any of them is refused
     */
    public void checkResolved(String host, List<InetAddress> addresses) {
        for (var address : addresses) {
            refusal(address).ifPresent(kind -> {
                throw refused(host + " (" + address.getHostAddress() + ")", kind);
            });
        }
    }

    private void checkHost(String host) {
        if (SpecialAddresses.isMetadataHost(host)) {
            throw refused(host, "a cloud metadata host");
        }
        var literal = AddressLiterals.parse(host);
        if (literal.isEmpty() && host.startsWith("[")) {
            throw new RefusedCallbackException("host " + host + " is not an IPv6 address without a zone");
        }
        if (literal.isEmpty() && AddressLiterals.endsInNumber(host)) {
            throw new RefusedCallbackException(
                    "host " + host + " is not an IPv4 address written as four decimal numbers");
        }
        var addresses = literal.map(List::of).orElse(SpecialAddresses.isLocalhost(host) ? LOCALHOST : List.of());
        for (var address : addresses) {
            refusal(address).ifPresent(kind -> {
                throw refused(host, kind);
            });
        }
    }

    private Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        return SpecialAddresses.kind(address);
    }

    private static RefusedCallbackException refused(String host, String kind) {
        return new RefusedCallbackException("host " + host + " is " + kind
                + "; callbacks only go to public addresses unless configuration allows the network");
    }
}
