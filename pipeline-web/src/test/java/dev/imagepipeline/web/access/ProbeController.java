package dev.imagepipeline.web.access;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints on the paths access control tells apart, answering who called and how much body they read. */
@RestController
class ProbeController {

    @GetMapping("/api/probe")
    Map<String, Object> probe(Caller caller) {
        return Map.of("client", caller.client() == null ? "anyone" : caller.client());
    }

    @PostMapping("/api/generate")
    ResponseEntity<Map<String, Object>> generate(@RequestBody Map<String, Object> body, Caller caller) {
        return ResponseEntity.accepted().body(Map.of("client", String.valueOf(caller.client()), "fields", body.size()));
    }

    @PostMapping("/api/catalogs")
    ResponseEntity<Map<String, Object>> catalog(InputStream body) throws IOException {
        return ResponseEntity.accepted().body(Map.of("bytes", body.readAllBytes().length));
    }

    @PostMapping("/api/webhook/replicate")
    ResponseEntity<Void> webhook() {
        return ResponseEntity.noContent().build();
    }
}
