package dev.imagepipeline.webhook.replicate;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.imagepipeline.web.signing.SigningSecret;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks Replicate for the account's webhook signing secret: {@code GET /v1/webhooks/default/secret} with the API token,
 * answered with {@code {"key": "whsec_..."}}. No failure it reports quotes the token, the secret or the answer's body.
 */
final class WebhookSecretClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final String PATH = "/v1/webhooks/default/secret";

    /** Far more than a key takes; a larger answer is not one. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final RestClient api;
    private final JsonMapper json;

    WebhookSecretClient(URI baseUrl, String token, JsonMapper json) {
        // HTTP/1.1: over plain http (a stub, a proxy) the JDK client's h2c upgrade offer makes some servers hang up.
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(READ_TIMEOUT);
        this.api = RestClient.builder()
                .requestFactory(requests)
                .baseUrl(baseUrl.toString().replaceAll("/+$", ""))
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
        this.json = json;
    }

    /**
     * @throws FetchFailedException when Replicate could not be reached or gave no usable key
     */
    SigningSecret fetch() {
        Answer answer;
        try {
            answer = api.get()
                    .uri(PATH)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchangeForRequiredValue((request, response) -> new Answer(response.getStatusCode(),
                            response.getBody().readNBytes(MAX_ANSWER_BYTES + 1)));
        } catch (RestClientException e) {
            throw new FetchFailedException(describe(e));
        }
        if (!answer.status().is2xxSuccessful()) {
            throw new FetchFailedException("HTTP " + answer.status().value());
        }
        return key(answer.body());
    }

    private SigningSecret key(byte[] body) {
        if (body.length > MAX_ANSWER_BYTES) {
            throw new FetchFailedException("the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        JsonNode key;
        try {
            key = json.readTree(body).path("key");
        } catch (JacksonException e) {
            // Jackson's message quotes the body, which may hold part of a key.
            throw new FetchFailedException("the answer is not JSON");
        }
        if (!key.isString()) {
            throw new FetchFailedException("the answer has no key");
        }
        try {
            return SigningSecret.parse(key.stringValue());
        } catch (IllegalArgumentException e) {
            throw new FetchFailedException("the key is not whsec_ followed by base64");
        }
    }

    /** Names the I/O error (connection refused, timed out), which no request header is part of. */
    private static String describe(RestClientException e) {
        Throwable error = e.getCause() != null ? e.getCause() : e;
        String message = null;
        for (Throwable cause = error; cause != null && message == null; cause = cause.getCause()) {
            message = cause.getMessage();
        }
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private record Answer(HttpStatusCode status, byte[] body) {
    }

    /** Replicate gave no key; the message names the HTTP status or the error, never a credential. */
    static final class FetchFailedException extends RuntimeException {

        FetchFailedException(String message) {
            super(message);
        }
    }
}
