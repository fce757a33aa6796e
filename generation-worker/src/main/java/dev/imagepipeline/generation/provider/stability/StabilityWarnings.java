package dev.imagepipeline.generation.provider.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.imagepipeline.contracts.ModelSettings;

/** What a batch from Stability AI did not do as ordered, beyond what prompt-worker already warned about. */
final class StabilityWarnings {

    private StabilityWarnings() {
    }

    static List<String> of(StabilityModel model, ModelSettings settings, List<Long> seeds) {
        var warnings = new ArrayList<String>();
        Double guidance = settings.guidanceScale();
        if (guidance != null && !model.takesGuidance()) {
            warnings.add("Stability AI's %s chooses its own guidance; %s is not sent".formatted(model.id(),
                    StableImageForm.number(guidance)));
        }
        Integer steps = settings.numInferenceSteps();
        if (steps != null && !model.takesSteps()) {
            warnings.add("Stability AI's %s chooses its own steps; %d is not sent".formatted(model.id(), steps));
        }
        if (!model.legacy() && settings.width() != settings.height()) {
            warnings.add("Stability AI's %s takes an aspect ratio only: asked for %s, not %dx%d".formatted(model.id(),
                    StableImageForm.ASPECT_RATIO, settings.width(), settings.height()));
        }
        if (seeds.size() > 1) {
            warnings.add("Stability AI makes one image per request: %d requests, seeds %s".formatted(seeds.size(),
                    seeds.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        return warnings;
    }
}
