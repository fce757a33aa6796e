package dev.imagepipeline.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest service that uses pipeline-web, for the slice tests. */
@SpringBootApplication
class SampleApplication {
}
