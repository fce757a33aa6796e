package dev.imagepipeline.web;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Answers at {@code /error}, in place of Boot's error JSON, what reaches the servlet container's error page: a body
 * that ended before its length, a method or path the container refuses, a failure no handler answered. Problem
 * details, like every other error, and never the exception's message.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        var problem = ProblemDetail.forStatusAndDetail(status, detail(status));
        problem.setTitle(status.getReasonPhrase());
        problem.setInstance(instance(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** What a client is told for each status the container sets, without a word from the failure itself. */
    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is not well-formed HTTP, or its body ended before its stated length.";
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not take this method.";
            case CONTENT_TOO_LARGE -> "The request is larger than this service takes.";
            case URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE ->
                "The request's head is larger than this service takes.";
            default -> status.is5xxServerError()
                    ? "The service failed to answer this request. Please try again later."
                    : status.getReasonPhrase() + ".";
        };
    }

    /** Asked for directly, {@code /error} has no error to tell: there is nothing there for a client. */
    private static HttpStatus status(@Nullable Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.NOT_FOUND : status;
    }

    /** The address the client asked for, not {@code /error}; when it is no URI, {@code /error} it is. */
    private static @Nullable URI instance(@Nullable Object requestUri) {
        try {
            return requestUri instanceof String uri ? URI.create(uri) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
