package dev.imagepipeline.web;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** A controller of the kind services write, knowing nothing of pipeline-web but its exception. */
@RestController
class ShootController {

    @PostMapping("/api/shoots")
    ResponseEntity<Void> shoot(@Valid @RequestBody ShootRequest request) {
        if ("taken".equals(request.title())) {
            throw new RejectedFieldException("title", "'taken' is already used");
        }
        return ResponseEntity.noContent().build();
    }

    record ShootRequest(@NotBlank @Nullable String title, @NotNull @Nullable Lighting lighting,
            @JsonProperty("num_images") @Min(1) @Max(4) @Nullable Integer numImages, @Valid @Nullable Framing framing,
            @Valid @Nullable List<Target> targets) {
    }

    /** Refuses to be made without its anchor, or with a negative bleed, as a contract's records do. */
    record Framing(@JsonProperty("crop_margin") @Min(0) @Nullable Integer cropMargin, @Nullable String anchor,
            @Nullable Integer bleed) {

        Framing {
            if (bleed != null) {
                Objects.requireNonNull(anchor, "anchor");
            }
            if (bleed != null && bleed < 0) {
                throw new IllegalArgumentException("bleed must not be negative, not " + bleed);
            }
        }
    }

    record Target(@NotNull @Nullable Channel channel, @JsonProperty("max_bytes") @Positive @Nullable Long maxBytes) {
    }

    enum Lighting {
        @JsonProperty("soft_box")
        SOFT_BOX,
        @JsonProperty("daylight")
        DAYLIGHT
    }

    enum Channel {
        @JsonProperty("amazon_main")
        AMAZON_MAIN,
        @JsonProperty("web_shop")
        WEB_SHOP
    }
}
