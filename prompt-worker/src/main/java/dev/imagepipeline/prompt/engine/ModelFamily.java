package dev.imagepipeline.prompt.engine;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Style;

/**
 * What a family of models reads: how long a prompt, whether it takes a negative prompt and guidance, and the steps and
 * guidance that suit each style.
 */
public enum ModelFamily {

    SD15("Stable Diffusion 1.5", Reader.CLIP, Phrasing.TAGS, true, 1.0, 20.0, 512),
    SDXL("Stable Diffusion XL", Reader.CLIP, Phrasing.TAGS, true, 1.0, 20.0, 1024),
    SD3("Stable Diffusion 3.5", Reader.T5_256, Phrasing.SENTENCES, true, 1.0, 10.0, 1024),
    STABLE_IMAGE("Stable Image Core/Ultra", Reader.CHARACTERS, Phrasing.SENTENCES, true, null, null, 1024),
    FLUX_SCHNELL("FLUX.1 [schnell]", Reader.T5_256, Phrasing.SENTENCES, false, null, null, 1024),
    FLUX_DEV("FLUX.1 [dev]", Reader.T5_512, Phrasing.SENTENCES, false, 1.0, 10.0, 1024),
    FLUX_PRO("FLUX1.1 [pro]", Reader.T5_512, Phrasing.SENTENCES, false, null, null, 1024);

    /** How the family's text encoder counts a prompt, and how much of it it reads. */
    public enum Reader {
        /** CLIP reads 77 tokens; the start and end tokens leave 75 for the prompt. Counted exactly. */
        CLIP(75, "clip-bpe", true),
        /** T5 at the 256-token length FLUX.1 schnell and SD3 use; estimated from CLIP's count. */
        T5_256(256, "t5-estimate", false),
        /** T5 at the 512-token length FLUX.1 dev and pro use; estimated from CLIP's count. */
        T5_512(512, "t5-estimate", false),
        /** An API that documents a length in characters rather than tokens (Stability's 10,000). */
        CHARACTERS(10_000, "characters", true);

        private final int budget;
        private final String unit;
        private final boolean exact;

        Reader(int budget, String unit, boolean exact) {
            this.budget = budget;
            this.unit = unit;
            this.exact = exact;
        }

        public int budget() {
            return budget;
        }

        public String unit() {
            return unit;
        }

        public boolean exact() {
            return exact;
        }

        int count(String text) {
            return this == CHARACTERS
                    ? text.codePointCount(0, text.length())
                    : fromClip(ClipTokenizer.shared().count(text));
        }

        /** A token reader's count of a text CLIP counts {@code clipTokens}. */
        int fromClip(int clipTokens) {
            // T5's vocabulary is not bundled: its count runs close to CLIP's, plus a quarter for safety.
            return this == T5_256 || this == T5_512 ? (clipTokens * 5 + 3) / 4 : clipTokens;
        }
    }

    /** Comma-separated tags suit CLIP; T5 reads sentences. */
    enum Phrasing {
        TAGS,
        SENTENCES
    }

    private final String displayName;
    private final Reader reader;
    private final Phrasing phrasing;
    private final boolean negativePrompt;
    private final @Nullable Double minGuidance;
    private final @Nullable Double maxGuidance;
    private final int nativeSide;

    ModelFamily(String displayName, Reader reader, Phrasing phrasing, boolean negativePrompt,
            @Nullable Double minGuidance, @Nullable Double maxGuidance, int nativeSide) {
        this.displayName = displayName;
        this.reader = reader;
        this.phrasing = phrasing;
        this.negativePrompt = negativePrompt;
        this.minGuidance = minGuidance;
        this.maxGuidance = maxGuidance;
        this.nativeSide = nativeSide;
    }

    public String displayName() {
        return displayName;
    }

    public Reader reader() {
        return reader;
    }

    Phrasing phrasing() {
        return phrasing;
    }

    public boolean takesNegativePrompt() {
        return negativePrompt;
    }

    public boolean takesGuidance() {
        return minGuidance != null;
    }

    /** The side the family was trained at: smaller images lose detail, larger ones repeat the product. */
    public int nativeSide() {
        return nativeSide;
    }

    /** The guidance a style gets when the client names none; absent where the family takes no guidance. */
    public @Nullable Double suggestedGuidance(Style style) {
        return switch (this) {
            // Lower guidance looks more natural; a plain white background needs the prompt held to more firmly.
            case SD15, SDXL -> switch (style) {
                case LIFESTYLE -> 6.0;
                case MINIMAL -> 6.5;
                case WHITE_BACKGROUND -> 8.0;
                case STUDIO, LUXURY, FLAT_LAY -> 7.0;
            };
            case SD3 -> style == Style.WHITE_BACKGROUND ? 5.0 : 4.5;
            case FLUX_DEV -> switch (style) {
                case LIFESTYLE -> 2.5;
                case WHITE_BACKGROUND -> 3.5;
                default -> 3.0;
            };
            case STABLE_IMAGE, FLUX_SCHNELL, FLUX_PRO -> null;
        };
    }

    /** The denoising steps a style gets; absent where the provider chooses the steps itself. */
    public @Nullable Integer suggestedSteps(Style style) {
        boolean fineDetail = style == Style.LUXURY || style == Style.LIFESTYLE;
        return switch (this) {
            case SD15, SDXL -> fineDetail ? 40 : 30;
            // Timestep-distilled: four steps is what schnell was trained for.
            case FLUX_SCHNELL -> 4;
            case FLUX_DEV -> fineDetail ? 32 : 28;
            // Stability's endpoints choose their own steps.
            case SD3, STABLE_IMAGE, FLUX_PRO -> null;
        };
    }

    /** The guidance the model receives: the client's, held to the family's range, or the style's suggestion. */
    @Nullable
    Double guidance(@Nullable Double asked, Style style) {
        if (minGuidance == null || maxGuidance == null) {
            return null;
        }
        return asked == null ? suggestedGuidance(style) : Math.clamp(asked, minGuidance, maxGuidance);
    }

    @Nullable
    Double maxGuidance() {
        return maxGuidance;
    }
}
