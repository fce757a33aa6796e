package dev.imagepipeline.generation.provider.stability;

/**
 * One image as Stability AI returned it.
 *
 * @param seed the seed Stability reports it used, or the one asked for when it reports none
 */
record StabilityImage(byte[] bytes, long seed) {
}
