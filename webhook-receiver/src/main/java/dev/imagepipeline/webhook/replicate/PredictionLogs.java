package dev.imagepipeline.webhook.replicate;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a prediction's console output tells about it: the cog models print the seed they used and a tqdm progress
 * bar. Replicate makes no promise about this text, so every read may come back empty.
 */
final class PredictionLogs {

    private static final Pattern SEED = Pattern.compile("Using seed: (\\d{1,18})");
    private static final Pattern PERCENT = Pattern.compile("(?<!\\d)(\\d{1,3})%");

    private PredictionLogs() {
    }

    static OptionalLong seed(@Nullable String logs) {
        if (logs == null) {
            return OptionalLong.empty();
        }
        var matcher = SEED.matcher(logs);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** The last percentage printed, which is the progress bar's latest state. */
    static OptionalInt percent(@Nullable String logs) {
        if (logs == null) {
            return OptionalInt.empty();
        }
        var matcher = PERCENT.matcher(logs);
        OptionalInt last = OptionalInt.empty();
        while (matcher.find()) {
            int value = Integer.parseInt(matcher.group(1));
            if (value <= 100) {
                last = OptionalInt.of(value);
            }
        }
        return last;
    }
}
