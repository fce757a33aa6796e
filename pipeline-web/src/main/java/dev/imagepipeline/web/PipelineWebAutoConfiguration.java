package dev.imagepipeline.web;

import java.util.List;

import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.imagepipeline.web.observe.JobLogging;

/**
 * Gives every servlet service, alone or in the all-in-one runner, the same answer to a bad request, and problem
 * details for every error, whichever layer turns the request away. Also listed for {@code @WebMvcTest}, so a
 * controller's slice test sees what production clients see. Ahead of Boot's error handling, whose
 * {@code BasicErrorController} steps back for {@link ProblemErrorController}.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PipelineWebAutoConfiguration {

    @Bean
    BadRequestAdvice pipelineBadRequestAdvice() {
        return new BadRequestAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController pipelineErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    WebMvcConfigurer pipelineLenientAccept() {
        return new WebMvcConfigurer() {

            @Override
            public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
                configurer.strategies(List.of(new LenientAcceptHeader()));
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new JobLogging());
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class PipelineWebTomcatConfiguration {

        @Bean
        ProblemReportValve.Installer pipelineProblemReports() {
            return new ProblemReportValve.Installer();
        }
    }
}
