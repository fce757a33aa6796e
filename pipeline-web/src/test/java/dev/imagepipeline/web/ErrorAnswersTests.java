package dev.imagepipeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that no controller answers, in a real servlet container: what Tomcat turns away before any servlet runs, what
 * reaches its error page, and what Spring fails on before a controller can refuse it. Each is problem details.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorAnswersTests {

    @LocalServerPort
    int port;

    @Nested
    class WhenTomcatTurnsTheRequestAway {

        @Test
        void forAControlCharacterInAHeader() throws IOException {
            assertProblem(send("GET /api/echo?word=a HTTP/1.1\r\nHost: x\r\nX-Fuzz: a\u0001b\r\n\r\n"), 400);
        }

        @Test
        void forAnEncodedSlashInThePath() throws IOException {
            assertProblem(send("GET /api/images/..%2Fsecret HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        }

        @Test
        void forAHeadTooLarge() throws IOException {
            assertProblem(send("GET /api/echo?word=a HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"),
                    400);
        }
    }

    @Nested
    class WhenTheRequestReachesTheErrorPage {

        @Test
        void forABodyShorterThanItsLength() throws IOException {
            assertProblem(send("""
                    POST /api/shoots HTTP/1.1\r
                    Host: x\r
                    Content-Type: application/json\r
                    Content-Length: 100\r
                    \r
                    {"title":""", true), 400);
        }

        @Test
        void forAMethodTomcatRefuses() throws IOException {
            assertProblem(send("TRACE /api/shoots HTTP/1.1\r\nHost: x\r\n\r\n"), 405);
        }

        @Test
        void forTheErrorPageAskedForDirectly() throws IOException {
            assertProblem(send("GET /error HTTP/1.1\r\nHost: x\r\n\r\n"), 404);
        }
    }

    @Nested
    class WhenSpringFailsBeforeTheController {

        @Test
        void forAMultipartBodyWithoutBoundary() throws IOException {
            assertProblem(send("POST /api/shoots HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data\r\n"
                    + "Content-Length: 2\r\n\r\n{}"), 400);
        }

        @Test
        void forAContentTypeThatIsARange() throws IOException {
            assertProblem(send("POST /api/shoots HTTP/1.1\r\nHost: x\r\nContent-Type: application/*\r\n"
                    + "Content-Length: 2\r\n\r\n{}"), 415);
        }

        @Test
        void forAQueryThatIsNotUtf8() throws IOException {
            assertProblem(send("GET /api/echo?word=%FF HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        }

        @Test
        void forAnAcceptHeaderThatCannotBeParsedTakingItForNone() throws IOException {
            assertProblem(send("POST /api/shoots HTTP/1.1\r\nHost: x\r\nAccept: */*;q=abc\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"), 400);
            assertThat(send("GET /api/echo?word=mug HTTP/1.1\r\nHost: x\r\nAccept: garbage///\r\n\r\n"))
                    .startsWith("HTTP/1.1 200")
                    .endsWith("mug");
        }
    }

    private String send(String request) throws IOException {
        return send(request, false);
    }

    /** The raw response to the raw request, which no HTTP client would write; the body follows the head. */
    private String send(String request, boolean bodyCutShort) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            String closing = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
            socket.getOutputStream().write(closing.getBytes(StandardCharsets.ISO_8859_1));
            if (bodyCutShort) {
                socket.shutdownOutput();
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertProblem(String response, int status) {
        assertThat(response).startsWith("HTTP/1.1 " + status)
                .containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"status\":" + status)
                .containsPattern("\"(title|detail)\":\"[^\"]+\"");
    }

    /** An endpoint that reads a query parameter, for Tomcat to decode. */
    @RestController
    static class EchoController {

        @GetMapping("/api/echo")
        String echo(@RequestParam String word) {
            return word;
        }
    }
}
