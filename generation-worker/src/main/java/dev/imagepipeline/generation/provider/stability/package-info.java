/** Stability AI as an image provider: Stable Image Core, Ultra and SD3.5 on v2beta, SDXL 1.0 on the v1 API. */
@NullMarked
package dev.imagepipeline.generation.provider.stability;

import org.jspecify.annotations.NullMarked;
