package dev.imagepipeline.web.callback;

/**
 * A callback URL the SSRF rule refuses. The message names the host at most, never the path or query, where a client
 * may keep a token.
 */
public final class RefusedCallbackException extends RuntimeException {

    RefusedCallbackException(String reason) {
        super(reason);
    }
}
