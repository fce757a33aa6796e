package dev.imagepipeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;

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
    void takesTheErrorPageOverFromBoot() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PipelineWebAutoConfiguration.class,
                        DispatcherServletAutoConfiguration.class, ErrorMvcAutoConfiguration.class))
                .run(context -> assertThat(context).getBean(ErrorController.class)
                        .isInstanceOf(ProblemErrorController.class));
    }

    @Test
    void staysOutOfAnApplicationWithoutWeb() {
        new ApplicationContextRunner().withConfiguration(PIPELINE_WEB)
                .run(context -> assertThat(context).doesNotHaveBean(BadRequestAdvice.class));
    }
}
