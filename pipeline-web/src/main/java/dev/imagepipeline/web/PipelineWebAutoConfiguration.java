package dev.imagepipeline.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Gives every servlet service, alone or in the all-in-one runner, the same answer to a bad request. Also listed for
 * {@code @WebMvcTest}, so a controller's slice test sees what production clients see.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PipelineWebAutoConfiguration {

    @Bean
    BadRequestAdvice pipelineBadRequestAdvice() {
        return new BadRequestAdvice();
    }
}
