package dev.imagepipeline.web.access;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Access to every service's HTTP API.
 *
 * @param enabled whether {@code /api/**} needs an API key; absent means yes, except in the runner's dev mode
 * @param devMode set by the standalone runner: without {@code enabled} and without keys, access control is off (and
 *        the runner says so loudly)
 * @param apiKeys {@code name:key} pairs; absent means {@code PIPELINE_API_KEYS}, in the same form, comma-separated. A
 *        job is shown to the client whose key submitted it and to no other
 * @param submissionsPerMinute jobs one client may submit a minute (a catalog counts as one); absent means
 *        {@code RATE_LIMIT_PER_MINUTE}, then 10
 * @param readsPerMinute requests a client may make a minute to every other endpoint
 * @param maxBodySize the largest request body, except catalogs (their own limit) and webhooks (likewise)
 * @param corsAllowedOrigins origins whose pages may call the API from a browser, such as a playground's; none by default
 * @param redisUrl where the rate limits are kept so that every instance shares them ({@code redis://host:port});
 *        absent means {@code REDIS_URL}, then each instance counting for itself. Read as text, so that a malformed
 *        one is not repeated, password and all, in the error that says so
 */
@ConfigurationProperties("pipeline.access")
public record AccessSettings(@Nullable Boolean enabled, @DefaultValue("false") boolean devMode,
        @Nullable List<String> apiKeys, @Nullable Integer submissionsPerMinute, @DefaultValue("600") int readsPerMinute,
        @DefaultValue("64KB") DataSize maxBodySize, @DefaultValue List<String> corsAllowedOrigins,
        @Nullable String redisUrl) {
}
