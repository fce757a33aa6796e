package dev.imagepipeline.web.access;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.imagepipeline.web.limit.LocalRateLimiter;
import dev.imagepipeline.web.limit.Rate;
import dev.imagepipeline.web.limit.RateLimiter;
import dev.imagepipeline.web.limit.RedisRateLimiter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts every servlet service's {@code /api/**} behind API keys, rate limits and a body limit, with security headers
 * and, when origins are configured, CORS. The environment variables of the original specification
 * ({@code RATE_LIMIT_PER_MINUTE}) and of this project ({@code PIPELINE_API_KEYS}, {@code REDIS_URL}) fill what the settings leave out.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AccessSettings.class)
public class AccessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);
    private static final int DEFAULT_SUBMISSIONS_PER_MINUTE = 10;

    @Bean
    ApiClients apiClients(AccessSettings settings, Environment environment) {
        return ApiClients.of(listOr(settings.apiKeys(), environment.getProperty("PIPELINE_API_KEYS")));
    }

    @Bean
    @ConditionalOnMissingBean
    RateLimiter pipelineRateLimiter(AccessSettings settings, Environment environment) {
        String redis = settings.redisUrl() != null ? settings.redisUrl() : environment.getProperty("REDIS_URL");
        return redis == null || redis.isBlank() ? new LocalRateLimiter() : new RedisRateLimiter(redisUri(redis));
    }

    private static URI redisUri(String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            // The parser's message quotes the URL, password included.
            throw new IllegalArgumentException(
                    "REDIS_URL (pipeline.access.redis-url) is not a URL such as " + "redis://host:6379");
        }
    }

    @Bean
    FilterRegistrationBean<SecurityHeaders> pipelineSecurityHeaders() {
        var registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AccessFilter> pipelineAccessFilter(AccessSettings settings, ApiClients clients,
            RateLimiter limiter, Environment environment, JsonMapper json) {
        boolean controlled = controlled(settings, clients);
        var submissions = new Rate(submissionsPerMinute(settings, environment));
        var filter = new AccessFilter(clients, controlled, limiter, submissions, new Rate(settings.readsPerMinute()),
                settings.maxBodySize().toBytes(), json);
        announce(controlled, clients, submissions, settings);
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    /** Answers browsers' preflights and marks answers readable by the configured origins, ahead of the key check. */
    @Bean
    FilterRegistrationBean<CorsFilter> pipelineCorsFilter(AccessSettings settings) {
        var cors = new CorsConfiguration();
        cors.setAllowedOrigins(settings.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key", "Prefer",
                "Last-Event-ID"));
        cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "Preference-Applied"));
        cors.setMaxAge(3600L);
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        var registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setEnabled(!settings.corsAllowedOrigins().isEmpty());
        return registration;
    }

    @Bean
    WebMvcConfigurer pipelineCallerArguments(AccessSettings settings, ApiClients clients) {
        boolean controlled = controlled(settings, clients);
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver(controlled));
            }
        };
    }

    /** On unless switched off, or left unset in the runner's dev mode with no key to check against. */
    static boolean controlled(AccessSettings settings, ApiClients clients) {
        if (settings.enabled() != null) {
            return settings.enabled();
        }
        return !(settings.devMode() && clients.isEmpty());
    }

    private static int submissionsPerMinute(AccessSettings settings, Environment environment) {
        if (settings.submissionsPerMinute() != null) {
            return settings.submissionsPerMinute();
        }
        return environment.getProperty("RATE_LIMIT_PER_MINUTE", Integer.class, DEFAULT_SUBMISSIONS_PER_MINUTE);
    }

    private static List<String> listOr(@Nullable List<String> configured, @Nullable String variable) {
        if (configured != null) {
            return configured;
        }
        if (variable == null || variable.isBlank()) {
            return List.of();
        }
        return Arrays.stream(variable.split(",")).map(String::strip).filter(pair -> !pair.isEmpty()).toList();
    }

    private static void announce(boolean controlled, ApiClients clients, Rate submissions, AccessSettings settings) {
        if (!controlled) {
            log.warn("""

                    *****************************************************************************************
                    ACCESS CONTROL IS OFF: anyone who can reach this port can submit jobs and see every job.
                    Fine on a laptop; anywhere else set PIPELINE_API_KEYS=name:key[,name:key...].
                    *****************************************************************************************""");
        } else if (clients.isEmpty()) {
            log.warn("Access control is on and no API keys are configured: every /api request except webhooks and "
                    + "images is answered 401. Set PIPELINE_API_KEYS=name:key[,name:key...].");
        } else {
            log.info("Access control is on for {} API client(s); each may submit {} jobs and make {} other requests "
                    + "a minute.", clients.size(), submissions.perMinute(), settings.readsPerMinute());
        }
    }
}
