package dev.imagepipeline.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the service reaches its Kafka cluster: the broker must describe the cluster within a short timeout. Part of
 * every service's readiness, since a service that cannot publish or consume serves nothing. The answer is reused for a
 * few seconds, so frequent probes do not each cost the broker a request.
 */
final class KafkaHealth implements HealthIndicator, DisposableBean {

    private final Supplier<Admin> connect;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private @Nullable Admin admin;
    private @Nullable Health last;
    private Instant lastAt = Instant.MIN;

    KafkaHealth(Map<String, Object> adminConfig, Duration timeout, Duration cacheFor, Clock clock) {
        this(() -> Admin.create(withTimeout(adminConfig, timeout)), timeout, cacheFor, clock);
    }

    KafkaHealth(Supplier<Admin> connect, Duration timeout, Duration cacheFor, Clock clock) {
        this.connect = connect;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(lastAt.plus(cacheFor))) {
            last = check();
            lastAt = now;
        }
        return last;
    }

    private Health check() {
        try {
            var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String id = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("clusterId", String.valueOf(id)).withDetail("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (ExecutionException e) {
            return down(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return down("the cluster was not described within " + timeout.toMillis() + " ms");
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = connect.get();
        }
        return admin;
    }

    private static Health down(String reason) {
        return Health.down().withDetail("error", reason).build();
    }

    private static Map<String, Object> withTimeout(Map<String, Object> config, Duration timeout) {
        var bounded = new HashMap<>(config);
        int millis = (int) timeout.toMillis();
        bounded.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        bounded.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        // Its own client id: Boot's KafkaAdmin and this client would otherwise register the same metrics.
        bounded.put(AdminClientConfig.CLIENT_ID_CONFIG, "pipeline-health");
        return bounded;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
