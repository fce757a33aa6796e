package dev.imagepipeline.generation.provider.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

import dev.imagepipeline.web.callback.CallbackUrlPolicy;
import dev.imagepipeline.web.callback.RefusedCallbackException;

/**
 * Resolves an image URL's host when HttpClient connects, and refuses it when any address it resolves to is refused:
 * the addresses checked are the ones connected to, so DNS cannot swap a public address for a private one in between.
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
            throw new RefusedAddressException(String.valueOf(e.getMessage()));
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    /** Only authentication schemes that send credentials ask for it, and image fetches send none. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** The host resolved to an address images may not come from; an I/O failure to HttpClient, final to us. */
    static final class RefusedAddressException extends UnknownHostException {

        RefusedAddressException(String reason) {
            super(reason);
        }
    }
}
