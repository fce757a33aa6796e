package dev.imagepipeline.web.apidoc;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.imagepipeline.web.access.Caller;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * What every service's {@code /v3/api-docs} shares, alone or merged in the runner: the API's title, problem answers and
 * the API key on every operation that needs them, and record fields as nullable or required as their Java types say.
 * springdoc builds the document on the first request for it, so none of this runs while a service starts or serves.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsConfiguration {

    static {
        // Resolved from the access filter's request attribute, not from anything the client sends.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        // A stream's events are described on its operation; the emitter's own fields are no one's business.
        SpringDocUtils.getConfig().replaceWithSchema(SseEmitter.class, new StringSchema());
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI pipelineOpenApi(@Value("${spring.application.name:image-pipeline}") String application) {
        return new OpenAPI().info(new Info().title(application + " API").version("1").description("""
                Turns product descriptions into product photos through a Kafka pipeline. Submit a job \
                (`POST /api/generate`) or a catalog (`POST /api/catalogs`), then read it, wait for it, \
                or follow it as Server-Sent Events. Every error is `application/problem+json`. \
                The events on the topics are described in docs/events.md."""));
    }

    @Bean
    OpenApiCustomizer pipelineProblemAnswers() {
        return new ProblemAnswers();
    }

    @Bean
    ModelConverter pipelineRecordNullness() {
        return new RecordNullness();
    }
}
