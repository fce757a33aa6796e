package dev.imagepipeline.prompt.api;

import java.util.List;
import java.util.stream.IntStream;

import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.prompt.PromptWorkerSettings;
import dev.imagepipeline.prompt.engine.ModelCatalog;
import dev.imagepipeline.prompt.engine.ModelTarget;
import dev.imagepipeline.prompt.engine.PreparedPrompt;
import dev.imagepipeline.prompt.engine.PromptEngine;
import dev.imagepipeline.prompt.engine.PromptRequest;
import dev.imagepipeline.web.RejectedFieldException;

/** Answers the prompt endpoints with the engine that prepares every job. */
@Service
class PromptDesk {

    private final PromptEngine engine = new PromptEngine();
    private final PromptWorkerSettings settings;

    PromptDesk(PromptWorkerSettings settings) {
        this.settings = settings;
    }

    PreparedPrompt generate(PromptBody body) {
        String provider = body.provider() != null ? body.provider() : settings.defaultProvider();
        return prepare(body, target("provider", provider, body.model()));
    }

    /** The named models, else the one {@code provider} and {@code model} name, else each configured one. */
    List<PreparedPrompt> preview(PromptBody body) {
        var asked = body.targets();
        List<ModelTarget> targets;
        if (asked != null && !asked.isEmpty()) {
            targets = IntStream.range(0, asked.size())
                    .mapToObj(i -> target("targets[%d].provider".formatted(i), asked.get(i).provider(),
                            asked.get(i).model()))
                    .toList();
        } else if (body.provider() != null) {
            targets = List.of(target("provider", body.provider(), body.model()));
        } else {
            targets = configuredTargets();
        }
        return targets.stream().map(target -> prepare(body, target)).toList();
    }

    private PreparedPrompt prepare(PromptBody body, ModelTarget target) {
        var asked = body.settings();
        var request = new PromptRequest(body.description(), body.additionalContext(), body.category(), body.style(),
                body.marketplace(), asked != null && asked.resolution() != null ? asked.resolution() : Resolution.R1024,
                asked != null ? asked.guidanceScale() : null);
        try {
            return engine.prepare(request, target);
        } catch (IllegalArgumentException ex) {
            throw new RejectedFieldException("description", ex.getMessage());
        }
    }

    private List<ModelTarget> configuredTargets() {
        if (settings.previewModels().isEmpty()) {
            return ModelCatalog.defaults();
        }
        return settings.previewModels().stream().map(PromptDesk::parse).toList();
    }

    private static ModelTarget target(String field, String provider, String model) {
        if (!ModelCatalog.providers().contains(provider)) {
            throw new RejectedFieldException(field,
                    "'%s' is not a provider; allowed values: %s".formatted(provider, ModelCatalog.providers()));
        }
        return ModelCatalog.resolve(provider, model);
    }

    /** A configured {@code provider/model}; the model may hold slashes of its own, as Hugging Face's do. */
    private static ModelTarget parse(String id) {
        int slash = id.indexOf('/');
        return slash < 0
                ? ModelCatalog.resolve(id, null)
                : ModelCatalog.resolve(id.substring(0, slash), id.substring(slash + 1));
    }
}
