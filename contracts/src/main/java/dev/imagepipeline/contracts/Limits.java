package dev.imagepipeline.contracts;

/** The bounds every entry point holds a request to, whether it arrives over HTTP or straight onto a topic. */
public final class Limits {

    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_ADDITIONAL_CONTEXT_LENGTH = 500;
    public static final int MIN_IMAGES = 1;
    public static final int MAX_IMAGES = 4;
    public static final double MIN_GUIDANCE_SCALE = 1.0;
    public static final double MAX_GUIDANCE_SCALE = 20.0;
    public static final double DEFAULT_GUIDANCE_SCALE = 7.5;
    /** The sides in pixels an image record may ask a provider for when it is sent back to be made again. */
    public static final int MIN_SIDE = 64;
    public static final int MAX_SIDE = 4096;

    private Limits() {
    }
}
