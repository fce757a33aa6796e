package dev.imagepipeline.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.ErrorResponseException;

class CallbackBodyTests {

    @Test
    void readsTheExactBytesUpToTheLimit() {
        byte[] body = {'{', ' ', '}', '\n'};

        assertThat(CallbackBody.read(withoutDeclaredLength(body), 4)).isEqualTo(body);
    }

    @Test
    void refusesABodyWithoutADeclaredLengthOnceItPassesTheLimit() {
        assertThatExceptionOfType(ErrorResponseException.class)
                .isThrownBy(() -> CallbackBody.read(withoutDeclaredLength(new byte[5]), 4))
                .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    /** A chunked request: the container knows no length before the body has been read. */
    private static MockHttpServletRequest withoutDeclaredLength(byte[] body) {
        var request = new MockHttpServletRequest() {

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(body);
        return request;
    }
}
