package dev.imagepipeline.web.access;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.imagepipeline.web.limit.Rate;
import dev.imagepipeline.web.limit.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request to {@code /api/**} through when its caller may make it: it carries a configured API key (while access
 * control is on), its client is within its rate, and its body within the size limit. Otherwise answers {@code 401},
 * {@code 429} or {@code 413} with problem details, before any controller runs. Webhooks (signed by the sender) and
 * images (unguessable URLs handed to the job's owner) are open, as their callers cannot send a key. So are the health
 * probes, for an orchestrator; the other actuator endpoints (info, metrics) need a key like the API, and nothing more.
 */
final class AccessFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final String ACTUATOR = "/actuator";

    private final ApiClients clients;
    private final boolean controlled;
    private final RateLimiter limiter;
    private final Rate submissions;
    private final Rate reads;
    private final long maxBodySize;
    private final JsonMapper json;

    AccessFilter(ApiClients clients, boolean controlled, RateLimiter limiter, Rate submissions, Rate reads,
            long maxBodySize, JsonMapper json) {
        this.clients = clients;
        this.controlled = controlled;
        this.limiter = limiter;
        this.submissions = submissions;
        this.reads = reads;
        this.maxBodySize = maxBodySize;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        if (path.startsWith(ACTUATOR)) {
            return path.equals(ACTUATOR + "/health") || path.startsWith(ACTUATOR + "/health/");
        }
        return !path.startsWith("/api/") || path.startsWith("/api/webhook/") || path.startsWith("/api/images/")
                || CorsUtils.isPreFlightRequest(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var caller = caller(request);
        if (caller == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"image-pipeline\"");
            refuse(response, HttpStatus.UNAUTHORIZED, "API key required",
                    request.getHeader(HttpHeaders.AUTHORIZATION) == null
                            ? "This endpoint needs an API key: send the header Authorization: Bearer <key>."
                            : "The API key is not one this service knows.");
            return;
        }
        String path = path(request);
        if (path.startsWith(ACTUATOR)) {
            chain.doFilter(request, response);
            return;
        }
        boolean submission = "POST".equals(request.getMethod())
                && (path.equals("/api/generate") || path.equals("/api/catalogs"));
        String who = caller.client() != null ? "client:" + caller.client() : "ip:" + request.getRemoteAddr();
        var verdict = limiter.take((submission ? "submit:" : "read:") + who, submission ? submissions : reads);
        if (!verdict.allowed()) {
            long seconds = retryAfterSeconds(verdict.retryAfter());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            refuse(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests", tooMany(submission, seconds));
            return;
        }
        boolean ownLimit = submission && path.equals("/api/catalogs");
        if (!ownLimit && request.getContentLengthLong() > maxBodySize) {
            refuse(response, HttpStatus.CONTENT_TOO_LARGE, "Body too large", tooLarge());
            return;
        }
        request.setAttribute(Caller.class.getName(), caller);
        chain.doFilter(ownLimit ? request : new BoundedRequest(request, maxBodySize, tooLarge()), response);
    }

    /** The caller, or {@code null} when access control is on and the request carries no known key. */
    private @Nullable Caller caller(HttpServletRequest request) {
        if (!controlled) {
            return Caller.ANYONE;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return clients.clientOf(authorization.substring(BEARER.length()).strip())
                .map(name -> new Caller(name, true))
                .orElse(null);
    }

    /**
     * The path as Spring MVC's patterns see it: decoded segment by segment, without {@code ;parameters}, so that a
     * request is classed as the endpoint it would reach, however its URI is spelled.
     */
    private static String path(HttpServletRequest request) {
        var matched = new StringBuilder();
        for (var element : RequestPath.parse(request.getRequestURI(), request.getContextPath())
                .pathWithinApplication()
                .elements()) {
            matched.append(
                    element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value());
        }
        return matched.toString();
    }

    private String tooMany(boolean submission, long seconds) {
        String allowance = submission
                ? submissions.perMinute() + " jobs a minute (a catalog counts as one)"
                : reads.perMinute() + " requests a minute";
        return "This client may make " + allowance + "; try again in " + seconds + " s.";
    }

    private String tooLarge() {
        return "The body is larger than the " + maxBodySize + " bytes this endpoint takes.";
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Whole seconds, rounded up, so that a client that waits as told is let through. */
    static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
