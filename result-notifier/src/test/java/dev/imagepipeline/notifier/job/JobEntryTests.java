package dev.imagepipeline.notifier.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

class JobEntryTests {

    private final ObjectWriter writer = JsonMapper.builder().build().writerFor(JobEvent.class);
    private final JobId job = JobId.parse("6f1c2b3a-0000-4000-8000-000000000001");
    private final JobEntry entry = new JobEntry(42,
            new GenerationProgressed(job, Instant.parse("2026-11-28T10:00:00Z"), 50, "half"));

    @Test
    void writesTheJobsStreamFrameAsSpringsSseEventWouldBeWritten() {
        assertThat(text(entry.ofJob(writer))).isEqualTo("""
                id:42
                event:progress
                data:%s

                """.formatted(writer.writeValueAsString(entry.event())));
    }

    @Test
    void namesTheJobInTheIdOfAClientsStreamFrame() {
        assertThat(text(entry.live(writer))).startsWith("id:" + job + ":42\nevent:progress\ndata:{");
    }

    @Test
    void makesEachFrameOnceForEveryStream() {
        assertThat(entry.live(writer)).isSameAs(entry.live(writer));
        assertThat(entry.ofJob(writer)).isSameAs(entry.ofJob(writer));
    }

    private static String text(SseFrame frame) {
        return new String((byte[]) frame.build().iterator().next().getData(), StandardCharsets.UTF_8);
    }
}
