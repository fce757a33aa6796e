package dev.imagepipeline.generation.provider.huggingface;

import org.jspecify.annotations.Nullable;

/** What Hugging Face answered to one request, read whole. */
record Answer(int status, @Nullable String contentType, @Nullable String retryAfter, byte[] body) {

    boolean ok() {
        return status == 200;
    }
}
