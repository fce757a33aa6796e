package dev.imagepipeline.generation.image;

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

/** Serves stored images at the URLs handed out in finished jobs, until they expire. */
@RestController
class ImageController {

    private final ImageStore images;

    ImageController(ImageStore images) {
        this.images = images;
    }

    @GetMapping("/api/images/{key}")
    ResponseEntity<byte[]> image(@PathVariable String key) {
        var image = images.find(key).orElseThrow(ImageController::notFound);
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
