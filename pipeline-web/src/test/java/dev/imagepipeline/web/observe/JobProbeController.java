package dev.imagepipeline.web.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A job endpoint that logs one line, for the tests of what a log line carries. */
@RestController
class JobProbeController {

    private static final Logger log = LoggerFactory.getLogger(JobProbeController.class);

    @GetMapping("/api/generate/{id}/probe")
    String probe(@PathVariable String id) {
        log.warn("Probed the job");
        return "probed";
    }
}
