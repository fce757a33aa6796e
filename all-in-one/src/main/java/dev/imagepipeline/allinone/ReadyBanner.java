package dev.imagepipeline.allinone;

import java.lang.management.ManagementFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a newcomer where to go once everything is up. */
@Component
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : 8080;
        String kafka = event.getApplicationContext().getEnvironment().getProperty("spring.kafka.bootstrap-servers");
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info(
                """

                        image-pipeline is ready in {} ms: http://localhost:{}  (Kafka at {}, provider: local preview renderer)
                          play:    http://localhost:{}/  (the playground page)
                          submit:  curl -si -H 'Content-Type: application/json' -d '{"description":"ceramic mug","category":"kitchenware","style":"studio"}' http://localhost:{}/api/generate
                          watch:   curl -N http://localhost:{}/api/generate/<id>/events
                          result:  curl -s http://localhost:{}/api/generate/<id>
                          API:     http://localhost:{}/swagger-ui.html  (OpenAPI: /v3/api-docs)
                        """,
                uptime, port, kafka, port, port, port, port, port);
    }
}
