package dev.imagepipeline.webhook.relay;

import java.util.Arrays;
import java.util.Map;

/** The first bytes of the image types a relay may send inline, which the image store can keep. */
final class ImageSignatures {

    private static final Map<String, byte[]> MAGIC = Map.of("image/png",
            new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, "image/jpeg",
            new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff}, "image/webp", new byte[]{'R', 'I', 'F', 'F'});
    private static final byte[] WEBP = {'W', 'E', 'B', 'P'};

    private ImageSignatures() {
    }

    static boolean known(String contentType) {
        return MAGIC.containsKey(contentType);
    }

    /** Whether the bytes start the way an image of the known content type does. */
    static boolean matches(String contentType, byte[] bytes) {
        boolean starts = startsWith(bytes, 0, MAGIC.get(contentType));
        return contentType.equals("image/webp") ? starts && startsWith(bytes, 8, WEBP) : starts;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] magic) {
        return bytes.length >= offset + magic.length
                && Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length);
    }
}
