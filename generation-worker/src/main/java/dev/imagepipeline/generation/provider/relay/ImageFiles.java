package dev.imagepipeline.generation.provider.relay;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;

/**
 * Reads a relayed image's type and size from its own bytes, whatever a relay or a server declared: PNG and JPEG
 * through the JDK, WebP (which the JDK cannot read) from its header. Anything else is not an image the store keeps.
 */
final class ImageFiles {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP = {'W', 'E', 'B', 'P'};

    private ImageFiles() {
    }

    /**
     * @param source names the image in a failure, without a URL's path or query, where a token may hide
     * @throws ProviderException {@code malformed_response} when the bytes are no PNG, JPEG or WebP image
     */
    static RenderedImage read(byte[] bytes, String source) {
        Optional<RenderedImage> image = Optional.empty();
        if (startsWith(bytes, 0, PNG) || startsWith(bytes, 0, JPEG)) {
            image = RenderedImage.decode(bytes);
        } else if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) {
            image = webp(bytes);
        }
        return image.orElseThrow(() -> new ProviderException("malformed_response",
                "The relay's " + source + " is not a PNG, JPEG or WebP image.", false));
    }

    /** The canvas size from the first chunk: VP8X (extended), VP8L (lossless) or VP8 (lossy). */
    private static Optional<RenderedImage> webp(byte[] bytes) {
        if (bytes.length < 30) {
            return Optional.empty();
        }
        String chunk = new String(bytes, 12, 4, StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8X" -> sized(bytes, 1 + little(bytes, 24, 3), 1 + little(bytes, 27, 3));
            case "VP8L" -> {
                int bits = little(bytes, 21, 4);
                yield bytes[20] == 0x2f
                        ? sized(bytes, 1 + (bits & 0x3fff), 1 + ((bits >>> 14) & 0x3fff))
                        : Optional.empty();
            }
            case "VP8 " -> bytes[23] == (byte) 0x9d && bytes[24] == 0x01 && bytes[25] == 0x2a
                    ? sized(bytes, little(bytes, 26, 2) & 0x3fff, little(bytes, 28, 2) & 0x3fff)
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<RenderedImage> sized(byte[] bytes, int width, int height) {
        return width > 0 && height > 0
                ? Optional.of(new RenderedImage(bytes, "image/webp", width, height))
                : Optional.empty();
    }

    private static int little(byte[] bytes, int offset, int length) {
        int value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] magic) {
        return bytes.length >= offset + magic.length
                && Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length);
    }
}
