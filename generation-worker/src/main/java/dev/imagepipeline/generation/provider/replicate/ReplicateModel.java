package dev.imagepipeline.generation.provider.replicate;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.imagepipeline.generation.provider.ProviderException;

/**
 * A model as Replicate runs it: the id jobs name it by, the inputs it reads, and where its predictions are created.
 */
record ReplicateModel(String id, Kind kind, Route route) {

    static final String FLUX_SCHNELL = "flux-schnell";
    private static final String FLUX_DEV = "flux-dev";
    private static final String FLUX_PRO = "flux-1.1-pro";
    /** The community model the {@code sdxl} id runs a pinned version of. */
    private static final String SDXL_OWNER_AND_NAME = "stability-ai/sdxl";

    private static final String FLUX_OWNER = "black-forest-labs";
    private static final Pattern OWNER_AND_NAME = Pattern.compile("[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*");

    /** The shape of inputs a model reads. */
    enum Kind {
        FLUX_SCHNELL,
        FLUX_DEV,
        FLUX_PRO,
        SDXL,
        /** a model this provider does not know, given the inputs most image models share */
        OTHER
    }

    /** Where a model's predictions are created. */
    sealed interface Route {

        /** An official model: {@code POST /v1/models/{owner}/{name}/predictions}, always its latest version. */
        record Official(String owner, String name) implements Route {
        }

        /** A community model pinned to a version: {@code POST /v1/predictions} with the version in the body. */
        record Versioned(String version) implements Route {
        }
    }

    /**
     * @param sdxlVersion the version model {@code sdxl} runs
     * @throws ProviderException {@code invalid_request} for an unknown id that is not an {@code owner/name}
     */
    static ReplicateModel resolve(String id, String sdxlVersion) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case FLUX_SCHNELL -> flux(FLUX_SCHNELL, Kind.FLUX_SCHNELL);
            case FLUX_DEV -> flux(FLUX_DEV, Kind.FLUX_DEV);
            case FLUX_PRO -> flux(FLUX_PRO, Kind.FLUX_PRO);
            case "sdxl" -> new ReplicateModel("sdxl", Kind.SDXL, new Route.Versioned(sdxlVersion));
            default -> official(id);
        };
    }

    /**
     * The id a job names a model by, from the {@code owner/name} Replicate reports for a prediction: the short name of
     * a model this provider knows, else the {@code owner/name} itself.
     */
    static String idOf(String ownerAndName) {
        String id = ownerAndName.toLowerCase(Locale.ROOT);
        if (id.equals(SDXL_OWNER_AND_NAME)) {
            return "sdxl";
        }
        String flux = id.startsWith(FLUX_OWNER + "/") ? id.substring(FLUX_OWNER.length() + 1) : "";
        return switch (flux) {
            case FLUX_SCHNELL, FLUX_DEV, FLUX_PRO -> flux;
            default -> ownerAndName;
        };
    }

    private static ReplicateModel flux(String name, Kind kind) {
        return new ReplicateModel(name, kind, new Route.Official(FLUX_OWNER, name));
    }

    private static ReplicateModel official(String id) {
        if (!OWNER_AND_NAME.matcher(id).matches()) {
            throw new ProviderException("invalid_request", "Replicate has no model '" + id
                    + "' here: use flux-schnell, " + "flux-dev, flux-1.1-pro, sdxl, or an official model's owner/name.",
                    false);
        }
        int slash = id.indexOf('/');
        return new ReplicateModel(id, Kind.OTHER, new Route.Official(id.substring(0, slash), id.substring(slash + 1)));
    }
}
