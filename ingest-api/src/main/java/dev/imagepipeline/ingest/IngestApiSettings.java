package dev.imagepipeline.ingest;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything ingest-api can be told.
 *
 * @param providers the providers a job may name: those generation-worker has configured, so that a job naming another
 *        is refused at once rather than failing later
 */
@ConfigurationProperties("pipeline.ingest-api")
public record IngestApiSettings(@DefaultValue("local") List<String> providers) {
}
