package dev.imagepipeline.prompt.engine;

import java.util.Locale;

/** One phrase of a prompt, and the part of the prompt it belongs to. */
record Term(Part part, String text) {

    /** The parts of a prompt, most important first; fitting a budget drops the last ones first. */
    enum Part {
        SUBJECT,
        MARKETPLACE,
        STYLE,
        CATEGORY,
        QUALITY;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
