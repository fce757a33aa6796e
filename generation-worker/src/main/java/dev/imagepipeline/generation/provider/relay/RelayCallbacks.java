package dev.imagepipeline.generation.provider.relay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.imagepipeline.contracts.Limits;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.ProviderResilience;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.RunCallbacks;
import dev.imagepipeline.generation.provider.relay.RelayedResult.Failed;
import dev.imagepipeline.generation.provider.relay.RelayedResult.Processing;
import dev.imagepipeline.generation.provider.relay.RelayedResult.Succeeded;
import dev.imagepipeline.web.callback.CallbackUrlPolicy;

/**
 * Reads the results a relay reports for a vendor that sends no callbacks of its own (Hugging Face, Stability): one
 * format for both. A job this worker runs itself at the vendor is left to that run, whose outcome stands.
 */
public final class RelayCallbacks implements RunCallbacks, AutoCloseable {

    private static final String NO_SEED = "The relay reported no seed; the job records 0.";

    private final String provider;
    private final RelayImages images;
    private final SynchronousRuns synchronousRuns;
    private final ProviderResilience resilience;

    /**
     * @param provider the vendor whose jobs the relay reports on, as jobs name it
     * @param allowedNetworks networks (CIDR) image URLs may lead into although they are loopback, private or
     *        link-local; plain http is accepted only into them
     * @throws IllegalArgumentException when a network is not CIDR
     */
    public RelayCallbacks(String provider, List<String> allowedNetworks, SynchronousRuns synchronousRuns,
            ProviderResilience resilience) {
        this.provider = provider;
        this.images = new RelayImages(new CallbackUrlPolicy(allowedNetworks));
        this.synchronousRuns = synchronousRuns;
        this.resilience = resilience;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Report read(ProviderCallback callback) {
        var result = RelayedResult.parse(callback.body());
        if (!result.job().equals(callback.jobId())) {
            throw new IllegalArgumentException(
                    "The relayed result names job " + result.job() + " but was relayed for " + callback.jobId() + ".");
        }
        if (synchronousRuns.ran(result.job())) {
            return new Report.Nothing("this worker runs the job at " + provider + " itself, and that run's outcome "
                    + "stands over a relay's");
        }
        return switch (result) {
            case Processing(var job, var progress) -> progress == null
                    ? new Report.Progress(0, provider + " is generating, the relay reports")
                    : new Report.Progress(progress.step() * 100 / progress.of(),
                            "%s is at step %d of %d, the relay reports".formatted(provider, progress.step(),
                                    progress.of()));
            case Succeeded succeeded -> new Report.Finished(batch(succeeded));
            case Failed(var job, var error) -> throw new ProviderException(error.reason(), error.message(), false);
        };
    }

    /** A relay's run is not ours to stop; the job ends canceled all the same, and its later results are ignored. */
    @Override
    public void cancel(String runId) {
    }

    @Override
    public void close() throws IOException {
        images.close();
    }

    private GeneratedBatch batch(Succeeded result) {
        if (result.images().isEmpty() || result.images().size() > Limits.MAX_IMAGES) {
            throw new IllegalArgumentException(
                    "A relayed result has 1 to " + Limits.MAX_IMAGES + " images, not " + result.images().size() + ".");
        }
        // Fetched again as a whole should one fail: they are few.
        List<RenderedImage> fetched = resilience.retried(provider + "-relayed-images", () -> {
            var all = new ArrayList<RenderedImage>();
            for (int i = 0; i < result.images().size(); i++) {
                all.add(images.get(result.images().get(i), i));
            }
            return all;
        });
        List<String> warnings = result.seed() == null ? List.of(NO_SEED) : List.of();
        return new GeneratedBatch(result.model(), result.seed() == null ? 0 : result.seed(), fetched, warnings);
    }
}
