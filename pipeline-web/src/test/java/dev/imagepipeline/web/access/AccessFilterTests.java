package dev.imagepipeline.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

class AccessFilterTests {

    static final String SHOP_A = "Bearer key-of-shop-a-0123456789";
    static final String SHOP_B = "Bearer key-of-shop-b-9876543210";
    static final String SHOP_C = "Bearer key-of-shop-c-5555555555";
    static final String SHOP_D = "Bearer key-of-shop-d-4444444444";

    /** Each test spends the allowance of a client of its own: the limiter lives as long as the shared context. */
    @Nested
    @WebMvcTest(controllers = ProbeController.class, properties = {"pipeline.access.enabled=true",
            "pipeline.access.api-keys=shop-a:key-of-shop-a-0123456789,shop-b:key-of-shop-b-9876543210,"
                    + "shop-c:key-of-shop-c-5555555555,shop-d:key-of-shop-d-4444444444",
            "pipeline.access.submissions-per-minute=2", "pipeline.access.reads-per-minute=5",
            "pipeline.access.max-body-size=100B", "pipeline.access.cors-allowed-origins=https://playground.example"})
    class WithKeys {

        @Autowired
        MockMvcTester mvc;

        @Test
        void refusesARequestWithoutAKeyWithAProblemThatSaysHowToSendOne() {
            var result = mvc.get().uri("/api/probe").exchange();

            assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"image-pipeline\"");
            assertThat(result).bodyJson()
                    .extractingPath("$.detail")
                    .isEqualTo("This endpoint needs an API key: send the header Authorization: Bearer <key>.");
        }

        @Test
        void refusesAnUnknownKeyWithoutQuotingIt() throws Exception {
            var result = mvc.get()
                    .uri("/api/probe")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer guessed-key-0000000000")
                    .exchange();

            assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(result.getResponse().getContentAsString()).doesNotContain("guessed-key");
        }

        @Test
        void refusesAKeySentAnotherWay() {
            var result = mvc.get()
                    .uri("/api/probe")
                    .header(HttpHeaders.AUTHORIZATION, "Basic key-of-shop-a-0123456789")
                    .exchange();

            assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
        }

        @Test
        void handsTheControllerTheClientWhoseKeyCameWhicheverCaseTheSchemeIsIn() {
            assertThat(mvc.get().uri("/api/probe").header(HttpHeaders.AUTHORIZATION, SHOP_A)).hasStatusOk()
                    .bodyJson()
                    .extractingPath("$.client")
                    .isEqualTo("shop-a");
            assertThat(mvc.get().uri("/api/probe").header(HttpHeaders.AUTHORIZATION, "bearer " + SHOP_B.substring(7)))
                    .hasStatusOk()
                    .bodyJson()
                    .extractingPath("$.client")
                    .isEqualTo("shop-b");
        }

        @Test
        void leavesWebhooksToTheirSignatures() {
            assertThat(mvc.post().uri("/api/webhook/replicate")).hasStatus(HttpStatus.NO_CONTENT);
        }

        @Test
        void limitsEachClientsSubmissionsAndAnswersWhenToTryAgain() {
            assertThat(submit(SHOP_A)).hasStatus(HttpStatus.ACCEPTED);
            assertThat(submit(SHOP_A)).hasStatus(HttpStatus.ACCEPTED);

            var refused = submit(SHOP_A);

            assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .hasHeader(HttpHeaders.RETRY_AFTER, "30");
            assertThat(refused).bodyJson()
                    .extractingPath("$.detail")
                    .isEqualTo("This client may make 2 jobs a minute (a catalog counts as one); try again in 30 s.");
            assertThat(submit(SHOP_C)).as("another client's allowance").hasStatus(HttpStatus.ACCEPTED);
            assertThat(mvc.get().uri("/api/probe").header(HttpHeaders.AUTHORIZATION, SHOP_A))
                    .as("reads are counted apart")
                    .hasStatusOk();
        }

        @Test
        void countsACatalogAsOneSubmission() {
            var upload = mvc.post()
                    .uri("/api/catalogs")
                    .header(HttpHeaders.AUTHORIZATION, SHOP_B)
                    .contentType("application/x-ndjson")
                    .content("{\"sku\":\"A\"}\n".repeat(50));

            assertThat(upload).as("a catalog is not held to the body limit").hasStatus(HttpStatus.ACCEPTED);
            assertThat(submit(SHOP_B)).hasStatus(HttpStatus.ACCEPTED);
            assertThat(submit(SHOP_B)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        }

        @Test
        void refusesABodyThatAnnouncesMoreThanTheLimit() {
            var result = mvc.post()
                    .uri("/api/generate")
                    .header(HttpHeaders.AUTHORIZATION, SHOP_D)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"description\":\"" + "x".repeat(200) + "\"}");

            assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Test
        void setsTheSecurityHeadersOnEveryAnswer() {
            var result = mvc.get().uri("/api/probe").exchange();

            assertThat(result).hasHeader("X-Content-Type-Options", "nosniff")
                    .hasHeader("X-Frame-Options", "DENY")
                    .hasHeader("Referrer-Policy", "no-referrer")
                    .hasHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .hasHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }

        @Test
        void answersAPreflightFromTheConfiguredOriginWithoutAKey() {
            var result = mvc.options()
                    .uri("/api/generate")
                    .header(HttpHeaders.ORIGIN, "https://playground.example")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                    .exchange();

            assertThat(result).hasStatusOk()
                    .hasHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://playground.example");
        }

        @Test
        void letsARefusalBeReadByTheConfiguredOriginOnly() {
            assertThat(mvc.get().uri("/api/probe").header(HttpHeaders.ORIGIN, "https://playground.example"))
                    .hasStatus(HttpStatus.UNAUTHORIZED)
                    .hasHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://playground.example");
            assertThat(mvc.get().uri("/api/probe").header(HttpHeaders.ORIGIN, "https://elsewhere.example"))
                    .hasStatus(HttpStatus.FORBIDDEN);
        }

        private MvcTestResult submit(String key) {
            return mvc.post()
                    .uri("/api/generate")
                    .header(HttpHeaders.AUTHORIZATION, key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"description\":\"mug\"}")
                    .exchange();
        }
    }

    @Nested
    @WebMvcTest(controllers = ProbeController.class, properties = {"pipeline.access.enabled=",
            "pipeline.access.dev-mode=true", "pipeline.access.reads-per-minute=2"})
    class InTheRunnersDevModeWithoutKeys {

        @Autowired
        MockMvcTester mvc;

        @Test
        void letsEveryoneInAndCountsByAddress() {
            assertThat(mvc.get().uri("/api/probe")).hasStatusOk()
                    .bodyJson()
                    .extractingPath("$.client")
                    .isEqualTo("anyone");
            assertThat(mvc.get().uri("/api/probe")).hasStatusOk();
            assertThat(mvc.get().uri("/api/probe")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        }
    }

    @Nested
    @WebMvcTest(controllers = ProbeController.class, properties = {"pipeline.access.enabled=",
            "pipeline.access.dev-mode=true", "pipeline.access.api-keys=shop-a:key-of-shop-a-0123456789"})
    class InTheRunnersDevModeWithKeys {

        @Autowired
        MockMvcTester mvc;

        @Test
        void asksForAKey() {
            assertThat(mvc.get().uri("/api/probe")).hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(mvc.get().uri("/api/probe").header(HttpHeaders.AUTHORIZATION, SHOP_A)).hasStatusOk();
        }
    }

    @Nested
    @WebMvcTest(controllers = ProbeController.class, properties = {"pipeline.access.enabled=true",
            "pipeline.access.max-body-size=100B"})
    class WithoutKeys {

        @Autowired
        MockMvcTester mvc;

        @Test
        void refusesEveryoneButWebhooks() {
            assertThat(mvc.get().uri("/api/probe")).hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(mvc.post().uri("/api/webhook/replicate")).hasStatus(HttpStatus.NO_CONTENT);
        }
    }
}
