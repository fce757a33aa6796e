package dev.imagepipeline.generation.provider.replicate;

import java.util.List;
import java.util.Optional;

import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.ProviderResilience;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.RunCallbacks;
import dev.imagepipeline.generation.provider.RunSchedule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Replicate's webhooks about submitted predictions, as webhook-receiver relays them once it verified their
 * signature: the body is the prediction, as polling would see it; and polls a prediction whose webhook is late. A
 * prediction that succeeded has its files copied at once, as Replicate deletes them an hour after it ended.
 */
final class ReplicateCallbacks implements RunCallbacks {

    private static final String NO_SEED = "Replicate reported no seed for prediction %s; the job records 0.";

    private final ReplicateClient client;
    private final ProviderResilience resilience;
    private final RunSchedule schedule;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    ReplicateCallbacks(ReplicateClient client, ProviderResilience resilience, RunSchedule schedule) {
        this.client = client;
        this.resilience = resilience;
        this.schedule = schedule;
    }

    @Override
    public String provider() {
        return ReplicateProvider.NAME;
    }

    @Override
    public Report read(ProviderCallback callback) {
        return report(prediction(callback));
    }

    @Override
    public Optional<RunSchedule> schedule() {
        return Optional.of(schedule);
    }

    @Override
    public Report poll(String runId) {
        Prediction prediction;
        try {
            prediction = client.get(runId);
        } catch (ProviderException e) {
            return new Report.Nothing("polling prediction " + runId + " failed: " + e.getMessage());
        }
        return report(prediction);
    }

    private Report report(Prediction prediction) {
        return switch (prediction.status()) {
            case STARTING -> new Report.Progress(0, "prediction %s started".formatted(prediction.id()));
            case PROCESSING -> new Report.Progress(50, "prediction %s is processing".formatted(prediction.id()));
            case UNKNOWN ->
                new Report.Nothing("prediction " + prediction.id() + " is in a status this version does " + "not know");
            case SUCCEEDED, FAILED, CANCELED, ABORTED -> new Report.Finished(finished(prediction));
        };
    }

    @Override
    public void cancel(String runId) {
        client.cancel(runId);
    }

    private GeneratedBatch finished(Prediction prediction) {
        var files = Outcomes.files(prediction);
        var input = prediction.input();
        int asked = input == null || input.numOutputs() == null ? 1 : input.numOutputs();
        int width = input == null || input.width() == null ? 0 : input.width();
        int height = input == null || input.height() == null ? 0 : input.height();
        // The files are copied again as a whole should one fail: they are few, and Replicate keeps them an hour.
        List<RenderedImage> images = resilience.retried("replicate-outputs",
                () -> files.stream()
                        .limit(asked)
                        .map(url -> OutputImages.of(url, client.download(url), width, height))
                        .toList());
        var seed = prediction.seed();
        List<String> noted = seed.isPresent() ? List.of() : List.of(NO_SEED.formatted(prediction.id()));
        String model = prediction.model() == null ? "unknown" : ReplicateModel.idOf(prediction.model());
        return new GeneratedBatch(model, seed.orElse(0), images, Outcomes.warnings(noted, asked, images.size()),
                List.of(Outcomes.run(prediction)));
    }

    private Prediction prediction(ProviderCallback callback) {
        try {
            var prediction = json.readValue(callback.body(), Prediction.class);
            if (prediction == null) {
                throw new IllegalArgumentException("The Replicate callback's body is JSON null, not a prediction.");
            }
            return prediction;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "The Replicate callback's body is not a prediction: " + e.getOriginalMessage());
        }
    }
}
