package dev.imagepipeline.web.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@ExtendWith(OutputCaptureExtension.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ObservabilityTests {

    static final String OPS_KEY = "Bearer key-of-ops-0123456789";
    static final String JOB = "4a0f6f3e-2b7d-4c55-9a51-0d5f2f8e7a10";

    @Nested
    @Order(1)
    @SpringBootTest(properties = {"pipeline.access.enabled=true", "pipeline.access.api-keys=ops:key-of-ops-0123456789"})
    @AutoConfigureMockMvc
    @DirtiesContext
    class WithKeys {

        @Autowired
        MockMvcTester mvc;

        @Test
        void answersTheProbesWithoutAKeySoAnOrchestratorCanAsk() {
            assertThat(mvc.get().uri("/actuator/health/liveness")).hasStatusOk()
                    .bodyJson()
                    .extractingPath("$.status")
                    .isEqualTo("UP");
            assertThat(mvc.get().uri("/actuator/health/readiness")).hasStatusOk()
                    .bodyJson()
                    .extractingPath("$.status")
                    .isEqualTo("UP");
        }

        @Test
        void keepsMetricsAndInfoBehindTheApiKey() {
            assertThat(mvc.get().uri("/actuator/prometheus")).hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(mvc.get().uri("/actuator/info")).hasStatus(HttpStatus.UNAUTHORIZED);

            var scrape = mvc.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, OPS_KEY).exchange();
            assertThat(scrape).hasStatusOk();
            assertThat(scrape).bodyText().contains("jvm_memory_used_bytes");
        }

        @Test
        void exposesNothingBeyondProbesInfoAndMetrics() {
            assertThat(mvc.get().uri("/actuator/env").header(HttpHeaders.AUTHORIZATION, OPS_KEY))
                    .hasStatus(HttpStatus.NOT_FOUND);
        }

        @Test
        void logsTheJobARequestNamesWithItsTrace(CapturedOutput output) {
            assertThat(mvc.get().uri("/api/generate/" + JOB + "/probe").header(HttpHeaders.AUTHORIZATION, OPS_KEY))
                    .hasStatusOk();

            assertThat(output.getOut()).containsPattern("\\[[0-9a-f]{32},[0-9a-f]{16}," + JOB + "] .*Probed the job");
        }

        @Test
        void keepsWhatIsNoJobIdOutOfTheLogs(CapturedOutput output) {
            String notAnId = UUID.randomUUID().toString().replace('-', 'x');
            mvc.get().uri("/api/generate/" + notAnId + "/probe").header(HttpHeaders.AUTHORIZATION, OPS_KEY).exchange();

            assertThat(output.getOut()).contains("Probed the job").doesNotContain(notAnId);
        }
    }

    /**
     * Logging is set up once per JVM by the first context and again only after that context closes, hence the closed
     * contexts. Boot also keeps the format in a system property, which would otherwise turn later contexts' logs into
     * JSON too.
     */
    @Nested
    @Order(2)
    @SpringBootTest(properties = "logging.structured.format.console=ecs")
    @AutoConfigureMockMvc
    @DirtiesContext
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithJsonLogs {

        @AfterAll
        void backToPlainLogs() {
            System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        }

        @Autowired
        MockMvcTester mvc;

        @Test
        void writesEachLineAsJsonWithTheJobAndTheTrace(CapturedOutput output) {
            assertThat(mvc.get().uri("/api/generate/" + JOB + "/probe")).hasStatusOk();

            var line = output.getOut()
                    .lines()
                    .filter(l -> l.contains("Probed the job"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(line).startsWith("{")
                    .contains("\"jobId\":\"" + JOB + "\"")
                    .containsPattern("\"traceId\":\"[0-9a-f]{32}\"")
                    .contains("\"message\":\"Probed the job\"");
        }
    }
}
