package dev.imagepipeline.notifier.callback;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

import dev.imagepipeline.web.callback.CallbackUrlPolicy;
import dev.imagepipeline.web.callback.RefusedCallbackException;

/**
 * Resolves a callback's host at the moment HttpClient connects, and refuses the host when any address it resolves to
 * is refused. The addresses checked are the ones the connection uses, so a name that resolved to a public address
 * when the URL was checked cannot lead to a private one by the time of the delivery.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final CallbackUrlPolicy policy;

    GuardedDnsResolver(CallbackUrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        try {
            policy.checkResolved(host, List.of(addresses));
        } catch (RefusedCallbackException e) {
            throw new RefusedAddressException(e.getMessage());
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    /** Only authentication schemes that send credentials ask for it, and callbacks send none: no reverse lookup. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** The host resolved to an address callbacks may not reach; an I/O failure to HttpClient, final to us. */
    static final class RefusedAddressException extends UnknownHostException {

        RefusedAddressException(String reason) {
            super(reason);
        }
    }
}
