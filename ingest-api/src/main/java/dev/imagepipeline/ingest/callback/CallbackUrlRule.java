package dev.imagepipeline.ingest.callback;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.web.RejectedFieldException;
import dev.imagepipeline.web.callback.CallbackUrlPolicy;
import dev.imagepipeline.web.callback.RefusedCallbackException;

/**
 * Checks a job's {@code callbackUrl} before the job is accepted, by the SSRF rule result-notifier delivers by
 * ({@link CallbackUrlPolicy}), with the networks {@code pipeline.ingest-api.callback-allowed-networks} allows. Host
 * names are not resolved here; result-notifier checks the addresses a name resolves to each time it delivers.
 */
@Component
public class CallbackUrlRule {

    public static final int MAX_LENGTH = CallbackUrlPolicy.MAX_LENGTH;
    static final String FIELD = "callbackUrl";

    private final CallbackUrlPolicy policy;

    /**
     * @throws IllegalArgumentException when an allowed network is not one
     */
    public CallbackUrlRule(IngestApiSettings settings) {
        this.policy = new CallbackUrlPolicy(settings.callbackAllowedNetworks());
    }

    /**
     * @throws RejectedFieldException naming {@code callbackUrl} and why; the message quotes the host at most, never
     *         the path or query, where a client may keep a token
     */
    public void check(@Nullable String url) {
        if (url == null) {
            return;
        }
        try {
            policy.check(url);
        } catch (RefusedCallbackException e) {
            throw new RejectedFieldException(FIELD, e.getMessage());
        }
    }
}
