package dev.imagepipeline.ingest.callback;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.web.RejectedFieldException;

/**
 * The SSRF rule for a job's {@code callbackUrl}, checked before the job is accepted: absolute http or https, no user
 * information, a valid port, and a host that is neither a special address ({@link SpecialAddresses}) nor a name for
 * one, unless it lies in a network {@code pipeline.ingest-api.callback-allowed-networks} names. Host names are not
 * resolved here; result-notifier checks the addresses a name resolves to each time it delivers.
 */
@Component
public class CallbackUrlRule {

    public static final int MAX_LENGTH = 2048;
    static final String FIELD = "callbackUrl";

    private static final List<InetAddress> LOCALHOST = List.of(InetAddress.getLoopbackAddress(),
            AddressLiterals.parse("::1").orElseThrow());

    private final List<Network> allowed;

    /**
     * @throws IllegalArgumentException when an allowed network is not one
     */
    public CallbackUrlRule(IngestApiSettings settings) {
        this.allowed = settings.callbackAllowedNetworks().stream().map(Network::parse).toList();
    }

    /**
     * @throws RejectedFieldException naming {@code callbackUrl} and why; the message quotes the host at most, never
     *         the path or query, where a client may keep a token
     */
    public void check(@Nullable String url) {
        if (url == null) {
            return;
        }
        if (url.length() > MAX_LENGTH) {
            throw rejected("is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw rejected("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw rejected("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw rejected("must not carry user information (user:password@)");
        }
        if (uri.getHost() == null) {
            throw rejected("has no valid host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw rejected("has an invalid port");
        }
        checkHost(uri.getHost());
    }

    private void checkHost(String host) {
        if (SpecialAddresses.isMetadataHost(host)) {
            throw refused(host, "a cloud metadata host");
        }
        var literal = AddressLiterals.parse(host);
        if (literal.isEmpty() && host.startsWith("[")) {
            throw rejected("host " + host + " is not an IPv6 address without a zone");
        }
        if (literal.isEmpty() && AddressLiterals.endsInNumber(host)) {
            throw rejected("host " + host + " is not an IPv4 address written as four decimal numbers");
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

    private static RejectedFieldException refused(String host, String kind) {
        return rejected("host " + host + " is " + kind + "; callbacks only go to public addresses");
    }

    private static RejectedFieldException rejected(String reason) {
        return new RejectedFieldException(FIELD, reason);
    }
}
