package dev.imagepipeline.generation.image;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The names images are stored under: 128 random bits in hex, and an extension for the content type. */
final class ImageKeys {

    private static final Map<String, String> EXTENSIONS = Map.of("image/png", "png", "image/jpeg", "jpg", "image/webp",
            "webp");
    private static final Map<String, String> CONTENT_TYPES = EXTENSIONS.entrySet()
            .stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    /** Anything else, such as a path, is not a key. */
    static final Pattern KEY = Pattern.compile("[0-9a-f]{32}\\.(png|jpg|webp)");
    private static final SecureRandom random = new SecureRandom();

    private ImageKeys() {
    }

    /**
     * A new key for an image of this content type.
     *
     * @throws IllegalArgumentException for content types other than PNG, JPEG and WebP
     */
    static String newKey(String contentType) {
        var extension = EXTENSIONS.get(contentType.toLowerCase(Locale.ROOT));
        if (extension == null) {
            throw new IllegalArgumentException("cannot store images of type " + contentType);
        }
        var bits = new byte[16];
        random.nextBytes(bits);
        return HexFormat.of().formatHex(bits) + "." + extension;
    }

    static boolean isKey(String name) {
        return KEY.matcher(name).matches();
    }

    /** The content type of a well-formed key. */
    static String contentType(String key) {
        return CONTENT_TYPES.get(key.substring(key.lastIndexOf('.') + 1));
    }
}
