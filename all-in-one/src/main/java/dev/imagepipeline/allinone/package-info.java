/** The standalone runner: a real embedded Kafka broker and all five services in one JVM. */
@NullMarked
package dev.imagepipeline.allinone;

import org.jspecify.annotations.NullMarked;
