package dev.imagepipeline.ingest.job;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code wait} preference of a {@code Prefer} header (RFC 7240): how many seconds a client would wait for
 * its job to finish. A preference the server does not understand is ignored, as the RFC asks.
 */
final class PreferWait {

    /** The longest a submission is held open, below common proxies' idle timeouts. */
    static final Duration MAX = Duration.ofSeconds(60);

    private static final Pattern WAIT = Pattern.compile("(?i)^\\s*wait\\s*=\\s*\"?(\\d{1,9})\"?\\s*(;.*)?$");

    private PreferWait() {
    }

    /** The wait asked for, at most {@link #MAX}; empty when none is, or it is not a number of seconds. */
    static Optional<Duration> of(@Nullable String prefer) {
        if (prefer == null) {
            return Optional.empty();
        }
        for (String preference : prefer.split(",")) {
            var wait = WAIT.matcher(preference);
            if (wait.matches()) {
                var asked = Duration.ofSeconds(Long.parseLong(wait.group(1)));
                return Optional.of(asked.compareTo(MAX) > 0 ? MAX : asked);
            }
        }
        return Optional.empty();
    }
}
