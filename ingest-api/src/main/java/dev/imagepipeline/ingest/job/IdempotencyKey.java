package dev.imagepipeline.ingest.job;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.web.RejectedFieldException;

/** The {@code Idempotency-Key} a client sends so that a request it repeats makes nothing twice. */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";

    /** The header as the API documentation describes it. */
    public static final String DESCRIPTION = "1 to 200 printable ASCII characters. Sent again with the same key, "
            + "a request makes nothing twice and answers with what the first one made.";
    static final int MAX_LENGTH = 200;

    private IdempotencyKey() {
    }

    /**
     * The key as sent, or {@code null} when none was.
     *
     * @throws RejectedFieldException when it is not 1 to 200 printable ASCII characters
     */
    public static @Nullable String checked(@Nullable String key) {
        if (key != null
                && (key.isBlank() || key.length() > MAX_LENGTH || key.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw new RejectedFieldException(HEADER, "must be 1 to " + MAX_LENGTH + " printable ASCII characters");
        }
        return key;
    }

    /**
     * The key within its client's own keys, so that two clients that happen to pick the same key make two things. A
     * request without a client (access control off) keeps the key as sent.
     */
    public static String scoped(String key, @Nullable String client) {
        return client == null ? key : client + '\n' + key;
    }

    /** The job a single request with this key makes: the same key of the same client always names the same job. */
    static JobId job(String key, @Nullable String client) {
        return new JobId(UUID.nameUUIDFromBytes(("job:" + scoped(key, client)).getBytes(StandardCharsets.UTF_8)));
    }
}
