package dev.imagepipeline.web.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class BoundedRequestTests {

    @Test
    void readsABodyUpToTheLimit() throws IOException {
        var request = new BoundedRequest(withBody(100), 100, "too large");

        assertThat(request.getInputStream().readAllBytes()).hasSize(100);
    }

    @Test
    void stopsABodyThatGoesPastTheLimitWhateverItAnnounced() {
        var request = new BoundedRequest(withBody(101), 100, "The body is larger than 100 bytes.");

        assertThatExceptionOfType(BodyTooLargeException.class).isThrownBy(() -> request.getInputStream().readAllBytes())
                .withMessage("The body is larger than 100 bytes.");
        assertThatExceptionOfType(BodyTooLargeException.class)
                .isThrownBy(() -> new BoundedRequest(withBody(101), 100, "x").getReader().read(new char[1000]));
    }

    private static MockHttpServletRequest withBody(int bytes) {
        var request = new MockHttpServletRequest("POST", "/api/generate");
        request.setContent(new byte[bytes]);
        return request;
    }
}
