package dev.imagepipeline.generation.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * How a vendor is reached: its base URL and its token, each from settings or else from the environment variable the
 * original specification names, and an HTTP client with explicit timeouts. A vendor without a token is not offered.
 */
public record VendorAccess(URI baseUrl, String token, Duration connectTimeout, Duration readTimeout) {

    /**
     * @return empty when neither the setting nor the environment variable holds a token
     */
    public static Optional<VendorAccess> of(Environment environment, @Nullable String token, String tokenVariable,
            URI baseUrl, String baseUrlVariable, Duration connectTimeout, Duration readTimeout) {
        String resolved = token != null && !token.isBlank() ? token : environment.getProperty(tokenVariable);
        if (resolved == null || resolved.isBlank()) {
            return Optional.empty();
        }
        URI base = URI.create(environment.getProperty(baseUrlVariable, baseUrl.toString()));
        return Optional.of(new VendorAccess(base, resolved.strip(), connectTimeout, readTimeout));
    }

    /** A client for the vendor's API: its base URL, its bearer token, the timeouts. */
    public RestClient client() {
        // Over plain http (a stub, a local proxy) the JDK client would offer an h2c upgrade that some servers answer by
        // closing the connection; over https, HTTP/2 is negotiated properly.
        var version = "http".equals(baseUrl.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
        var http = HttpClient.newBuilder().version(version).connectTimeout(connectTimeout).build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        return RestClient.builder()
                .requestFactory(requests)
                .baseUrl(baseUrl.toString())
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    /** The text with the token masked, should a vendor's answer or a library's message ever echo it. */
    public String redacted(@Nullable String text) {
        return text == null ? "" : text.replace(token, "***");
    }

    @Override
    public String toString() {
        // The token must never reach a log line, even through a record's toString.
        return "VendorAccess[baseUrl=" + baseUrl + ", token=***]";
    }
}
