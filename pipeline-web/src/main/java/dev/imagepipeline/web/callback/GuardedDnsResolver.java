package dev.imagepipeline.web.callback;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a host at the moment Apache HttpClient connects, and refuses the host when any address it resolves to is
 * refused by the policy. The addresses checked are the ones the connection uses, so a name that resolved to a public
 * address when its URL was checked cannot lead to a private one by the time of the request: for result-notifier's
 * callbacks and for generation-worker's fetches of relayed images alike.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final CallbackUrlPolicy policy;

    public GuardedDnsResolver(CallbackUrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        try {
            policy.checkResolved(host, List.of(addresses));
        } catch (RefusedCallbackException e) {
            throw new RefusedAddressException(String.valueOf(e.getMessage()));
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    /** Only authentication schemes that send credentials ask for it, and these requests send none: no reverse lookup. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** The host resolved to an address the policy refuses; an I/O failure to HttpClient, final to its caller. */
    public static final class RefusedAddressException extends UnknownHostException {

        RefusedAddressException(String reason) {
            super(reason);
        }
    }
}
