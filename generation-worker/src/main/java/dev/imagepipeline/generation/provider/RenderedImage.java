package dev.imagepipeline.generation.provider;

/** One image's encoded bytes, as the provider delivered them. */
public record RenderedImage(byte[] bytes, String contentType, int width, int height) {
}
