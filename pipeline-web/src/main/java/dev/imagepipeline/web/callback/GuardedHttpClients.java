package dev.imagepipeline.web.callback;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The Apache HttpClient for requests to URLs a client or a relay named: every address it connects to is checked by the
 * policy ({@link GuardedDnsResolver}), and it follows no redirect (which could lead past the check), retries nothing,
 * and keeps no cookies or credentials between requests.
 */
public final class GuardedHttpClients {

    private GuardedHttpClients() {
    }

    /**
     * @param maxConnections connections open at once, over all hosts and to any one host
     */
    public static CloseableHttpClient create(CallbackUrlPolicy policy, Duration connectTimeout, Duration readTimeout,
            int maxConnections, String userAgent) {
        var connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(readTimeout))
                .build();
        var pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(policy))
                .setDefaultConnectionConfig(connections)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .build();
        var requests = RequestConfig.custom()
                .setResponseTimeout(Timeout.of(readTimeout))
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .setRedirectsEnabled(false)
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requests)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(userAgent)
                .build();
    }
}
