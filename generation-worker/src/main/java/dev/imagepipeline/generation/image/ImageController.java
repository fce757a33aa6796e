package dev.imagepipeline.generation.image;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the filesystem store's images at the URLs handed out in finished jobs, until they expire. An S3 store's
 * images are fetched from the bucket, so there is nothing to serve then.
 */
@RestController
@ConditionalOnProperty(name = GenerationWorkerImageConfiguration.STORE, havingValue = "filesystem", matchIfMissing = true)
class ImageController {

    private final ImageDirectory images;
    private final Clock clock;

    ImageController(ImageDirectory images, Clock clock) {
        this.images = images;
        this.clock = clock;
    }

    @GetMapping("/api/images/{key}")
    ResponseEntity<byte[]> image(@PathVariable String key) {
        var image = images.find(key, clock.instant()).orElseThrow(ImageController::notFound);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.contentType()))
                .cacheControl(CacheControl.maxAge(image.timeLeft()).cachePrivate())
                .body(image.bytes());
    }

    // MVC alone would answer an ErrorResponseException with a bare status; returning its body renders the problem.
    @ExceptionHandler
    ProblemDetail problem(ErrorResponseException failure) {
        return failure.getBody();
    }

    private static ErrorResponseException notFound() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is no image at this address: it never existed, or it has expired.");
        problem.setTitle("Image not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
