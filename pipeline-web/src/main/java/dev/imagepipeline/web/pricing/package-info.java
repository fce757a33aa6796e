/** The price table every service prices jobs with, bound once from {@code pipeline.pricing}. */
@NullMarked
package dev.imagepipeline.web.pricing;

import org.jspecify.annotations.NullMarked;
