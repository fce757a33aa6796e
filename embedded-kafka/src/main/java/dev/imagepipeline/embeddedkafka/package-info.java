/** A real single-node Kafka broker in KRaft mode, started inside the JVM: clients reach it over a socket. */
@NullMarked
package dev.imagepipeline.embeddedkafka;

import org.jspecify.annotations.NullMarked;
