package dev.imagepipeline.web.limit;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Counts in Redis, so that every instance of a service shares one limit per key: each request runs {@link GcraScript}
 * once, atomically, on the server's clock. Keys are stored under {@code pipeline:rate:} and expire on their own.
 *
 * <p>
 * When Redis does not answer (down, unreachable, slower than the timeout, or refusing the credentials), this instance
 * limits on its own with a {@link LocalRateLimiter} until Redis answers again, and says so in a warning at most once a
 * minute. N instances then let through up to N times a rate, but no request fails and no flood goes through
 * unlimited. Failing closed (429 or 503 for everyone) would turn an outage of a counter into an outage of the API,
 * although nothing is at risk in the meantime: the providers' quotas are held by generation-worker's gate whatever
 * the API lets in. The connection is made and remade in the background, so a request never waits for it.
 *
 * <p>
 * The URL is Lettuce's: {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS. Its
 * password is never logged (log lines name the host and port), and Lettuce masks it in its own.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final String PREFIX = "pipeline:rate:";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final long WARN_EVERY = Duration.ofMinutes(1).toNanos();

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final String where;
    private final long retryEvery;
    private final LocalRateLimiter alone = new LocalRateLimiter();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final AtomicLong quietUntil = new AtomicLong(System.nanoTime());
    private volatile long retryFrom = System.nanoTime();
    private volatile @Nullable StatefulRedisConnection<String, String> connection;

    /** With a timeout of {@link #DEFAULT_TIMEOUT} per request. */
    public RedisRateLimiter(URI url) {
        this(url, DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long a request waits for Redis before it is limited by this instance alone
     * @throws IllegalArgumentException when the URL is not one Lettuce reads; the message does not quote it
     */
    public RedisRateLimiter(URI url, Duration timeout) {
        this(url, timeout, Duration.ofSeconds(1));
    }

    /** @param retryEvery how long to limit alone after Redis failed to answer, before asking it again */
    RedisRateLimiter(URI url, Duration timeout, Duration retryEvery) {
        this.retryEvery = retryEvery.toNanos();
        this.uri = parse(url);
        // The handshake (HELLO, AUTH) waits as long as connecting may; a request only waits for its own command.
        uri.setTimeout(CONNECT_TIMEOUT);
        this.where = uri.getHost() == null ? "the configured server" : uri.getHost() + ":" + uri.getPort();
        // Lettuce's default backs reconnection off to 30 s; sharing should resume within seconds of Redis' return.
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        connectInBackground();
    }

    @Override
    public Verdict take(String key, Rate rate) {
        var current = connection;
        boolean due = System.nanoTime() - retryFrom >= 0;
        if (current == null || !due) {
            if (current == null && due) {
                connectInBackground();
            }
            return alone.take(key, rate);
        }
        try {
            var verdict = GcraScript.take(current.sync(), PREFIX + key, rate);
            if (degraded.compareAndSet(true, false)) {
                log.info("Redis at {} answers again: the rate limits are shared again", where);
            }
            return verdict;
        } catch (RedisException e) {
            // Skipping Redis for a while keeps a server that swallows requests from adding a timeout to each one.
            retryFrom = System.nanoTime() + retryEvery;
            unreachable(e);
            return alone.take(key, rate);
        }
    }

    /** Whether a connection was made; Lettuce then remakes it by itself after an interruption. */
    boolean connected() {
        return connection != null;
    }

    @Override
    public void close() {
        client.shutdown();
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Connects once at a time; until the first connection stands, requests are limited by this instance alone. */
    private void connectInBackground() {
        if (!connecting.compareAndSet(false, true)) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((made, failure) -> {
            if (failure == null) {
                connection = made;
            } else {
                retryFrom = System.nanoTime() + retryEvery;
                unreachable(failure);
            }
            connecting.set(false);
        });
    }

    private void unreachable(Throwable failure) {
        degraded.set(true);
        long now = System.nanoTime();
        long until = quietUntil.get();
        if (now - until >= 0 && quietUntil.compareAndSet(until, now + WARN_EVERY)) {
            log.warn("Redis at {} does not answer ({}): each instance limits requests on its own until it does, "
                    + "so N instances let through up to N times the rates", where, describe(failure));
        }
    }

    /** The failure and its root cause, without the stack: it repeats every minute, and once is enough. */
    private static String describe(Throwable failure) {
        var root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? text : text + "; " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static RedisURI parse(URI url) {
        try {
            return RedisURI.create(url);
        } catch (RuntimeException e) {
            // Lettuce's message may quote the URL, and with it a password.
            throw new IllegalArgumentException("The Redis URL is not redis://[[user]:password@]host[:port][/database] "
                    + "or another form Lettuce reads; it is not repeated here as it may hold a password");
        }
    }
}
