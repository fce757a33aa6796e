package dev.imagepipeline.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTests {

    @Test
    void routesEachLaneToItsOwnPromptTopic() {
        assertThat(Topics.prompts(Lane.INTERACTIVE)).isEqualTo("pipeline.prompts.interactive");
        assertThat(Topics.prompts(Lane.BULK)).isEqualTo("pipeline.prompts.bulk");
    }

    @Test
    void routesEachLaneToItsOwnRequestTopic() {
        assertThat(Topics.requests(Lane.INTERACTIVE)).isEqualTo("pipeline.requests");
        assertThat(Topics.requests(Lane.BULK)).isEqualTo("pipeline.requests.bulk");
    }

    @Test
    void namesTheDeadLetterTopicWithTheFrameworkSuffix() {
        assertThat(Topics.deadLetter(Topics.REQUESTS)).isEqualTo("pipeline.requests-dlt");
    }
}
