package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How the fuzz judges an answer: the verdicts its table and its failures rest on. */
class FuzzReportTests {

    private final FuzzReport report = new FuzzReport();

    @Nested
    class Accepts {

        @Test
        void aProblemWithATitle() {
            record(post("{}"), 400, "application/problem+json", """
                    {"title":"Invalid request","status":400,"detail":"category must not be null"}""");

            assertThat(report.violations()).isEmpty();
        }

        @Test
        void anAnswerToHeadWithoutBody() {
            record(new FuzzRequest("e", "i", "HEAD", "/x", List.of(), new byte[0], false), 404,
                    "application/problem+json", "");

            assertThat(report.violations()).isEmpty();
        }

        @Test
        void aBodyCalledInvalidThatIsNotUtf8() {
            var request = new FuzzRequest("e", "i", "POST", "/x", List.of(),
                    new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}, false);

            record(request, 400, "application/problem+json", """
                    {"title":"Invalid request","status":400,"detail":"The body is not valid JSON."}""");

            assertThat(report.violations()).isEmpty();
        }
    }

    @Nested
    class Fails {

        @Test
        void aServerError() {
            record(post("{}"), 500, "application/problem+json", """
                    {"title":"Internal Server Error","status":500}""");

            assertThat(report.violations()).singleElement().asString().contains("answered 500");
        }

        @Test
        void anErrorPageInHtml() {
            record(post("{}"), 400, "text/html;charset=utf-8", "<html>HTTP Status 400</html>");

            assertThat(report.violations()).singleElement().asString().contains("not application/problem+json");
        }

        @Test
        void anEmptyProblem() {
            record(post("{}"), 406, "application/problem+json", "");

            assertThat(report.violations()).singleElement().asString().contains("a problem that is not");
        }

        @Test
        void aProblemWithNeitherTitleNorDetail() {
            record(post("{}"), 404, "application/problem+json", "{\"status\":404}");

            assertThat(report.violations()).singleElement().asString().contains("without a title or a detail");
        }

        @Test
        void aProblemCallingWellFormedJsonInvalid() {
            record(post("[]"), 400, "application/problem+json", """
                    {"title":"Invalid request","status":400,"detail":"The body is not valid JSON."}""");

            assertThat(report.violations()).singleElement().asString().contains("calling a well-formed JSON body");
        }
    }

    @Test
    void talliesEachEndpointAndTheirSum() {
        record(post("{}"), 202, "application/json", "{}");
        record(post("{}"), 400, "text/html", "<html/>");

        assertThat(report.markdown(1, 2, "Afterwards."))
                .contains("| `POST /api/generate` | 2 | 1 | 0 | 1 | 0 | 0 | 202×1, 400×1 |")
                .contains("| **all** | 2 | 1 | 0 | 1 | 0 | 0 | 202×1, 400×1 |")
                .contains("this section of that file.\n\n| endpoint |")
                .endsWith("Afterwards.\n");
    }

    private static FuzzRequest post(String body) {
        return new FuzzRequest("POST /api/generate", "test", "POST", "/api/generate", List.of(),
                body.getBytes(StandardCharsets.UTF_8), false);
    }

    private void record(FuzzRequest request, int status, String contentType, String body) {
        report.record(request, new RawHttp.Response(status, Map.of("content-type", contentType),
                body.getBytes(StandardCharsets.UTF_8)));
    }
}
