package dev.imagepipeline.generation.job;

import java.util.List;
import java.util.Map;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;

/** The recipe a submission publishes, for a run of a test's provider. */
final class Recipes {

    private Recipes() {
    }

    static ImageRecord of(String provider, String model) {
        return new ImageRecord("walnut desk organizer", Category.FURNITURE, Style.STUDIO, null, false, provider, model,
                "Professional product photography of walnut desk organizer", "blurry",
                new ModelSettings(1024, 1024, 1, null, null, 7), Map.of("megapixels", "1", "seed", 7), 0,
                List.of("slow-model draws squares only"), null, null, null);
    }
}
