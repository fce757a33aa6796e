package dev.imagepipeline.web.observe;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Puts the job a request names ({@code /api/generate/{id}/…}) in the logging context, under the key the Kafka listeners
 * use too, so one job's lines can be found across the HTTP and the Kafka side. A controller that creates a job sets it
 * itself; either way it is removed when the request ends.
 */
public final class JobLogging implements HandlerInterceptor {

    /** The MDC key; pipeline-kafka's listeners use the same. */
    public static final String KEY = "jobId";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String id = jobId(request);
        if (id != null) {
            MDC.put(KEY, id);
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            @Nullable Exception failure) {
        MDC.remove(KEY);
    }

    private static @Nullable String jobId(HttpServletRequest request) {
        if (!request.getRequestURI().startsWith("/api/generate/")
                || !(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars)
                || !(vars.get("id") instanceof String id)) {
            return null;
        }
        // Only what looks like an id reaches the logs: the path is the client's to spell.
        return id.matches("[0-9a-fA-F-]{36}") ? id : null;
    }
}
