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

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Serves the filesystem store's images at the URLs handed out in finished jobs, until they expire. An S3 store's
 * images are fetched from the bucket, so there is nothing to serve then.
 */
@RestController
@ConditionalOnProperty(name = GenerationWorkerImageConfiguration.STORE, havingValue = "filesystem", matchIfMissing = true)
@Tag(name = "Images", description = "The generated images, at the URLs a finished job lists, until they expire.")
class ImageController {

    private final ImageDirectory images;
    private final Clock clock;

    ImageController(ImageDirectory images, Clock clock) {
        this.images = images;
        this.clock = clock;
    }

    @GetMapping("/api/images/{key}")
    @Operation(summary = "Fetch an image", description = """
            The image at a URL a finished job lists; no API key is needed, as the URL cannot be guessed. Cached \
            privately until it expires, an hour after it was made by default.""")
    @ApiResponse(responseCode = "200", description = "The image.", content = @Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No image at this address: it never existed, or it has expired.")
    ResponseEntity<byte[]> image(@Parameter(description = "The image's key, from its URL.") @PathVariable String key) {
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
