package dev.imagepipeline.generation.provider.huggingface;

import java.time.Duration;

/** Waits while a model loads; tests pass one that only records the wait. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
