package dev.imagepipeline.webhook.relay;

import java.util.List;
import java.util.Locale;

import dev.imagepipeline.web.callback.CallbackUrlPolicy;
import dev.imagepipeline.web.callback.RefusedCallbackException;

/**
 * Which image URLs a relay may name: https to a public host, as the shared callback URL rule has it, or also plain
 * http to a host in a network the configuration allows (a relay on this machine or network). generation-worker applies
 * the rule again to the addresses it connects to.
 */
final class ImageUrls {

    private static final CallbackUrlPolicy PUBLIC_ONLY = new CallbackUrlPolicy(List.of());

    private final CallbackUrlPolicy policy;

    /**
     * @throws IllegalArgumentException when a network is not CIDR
     */
    ImageUrls(List<String> allowedNetworks) {
        this.policy = new CallbackUrlPolicy(allowedNetworks);
    }

    /**
     * @return why the URL may not be fetched, read after its field's name; empty when it may
     */
    String refusal(String url) {
        try {
            var uri = policy.check(url);
            if (!"https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) && !inAllowedNetwork(url)) {
                return "must be an https URL";
            }
            return "";
        } catch (RefusedCallbackException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** The configured rule took the URL; if the public one refuses it, only an allowed network can be why. */
    private static boolean inAllowedNetwork(String url) {
        try {
            PUBLIC_ONLY.check(url);
            return false;
        } catch (RefusedCallbackException e) {
            return true;
        }
    }
}
