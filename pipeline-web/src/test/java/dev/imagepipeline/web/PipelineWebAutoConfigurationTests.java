package dev.imagepipeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class PipelineWebAutoConfigurationTests {

    private static final AutoConfigurations PIPELINE_WEB = AutoConfigurations.of(PipelineWebAutoConfiguration.class);

    @Test
    void isFoundByEveryBootApplication() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(PipelineWebAutoConfiguration.class.getName());
    }

    @Test
    void answersBadRequestsInAServletApplication() {
        new WebApplicationContextRunner().withConfiguration(PIPELINE_WEB)
                .run(context -> assertThat(context).hasSingleBean(BadRequestAdvice.class));
    }

    @Test
    void staysOutOfAnApplicationWithoutWeb() {
        new ApplicationContextRunner().withConfiguration(PIPELINE_WEB)
                .run(context -> assertThat(context).doesNotHaveBean(BadRequestAdvice.class));
    }
}
