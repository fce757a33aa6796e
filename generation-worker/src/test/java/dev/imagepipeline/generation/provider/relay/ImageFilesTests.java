package dev.imagepipeline.generation.provider.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.TestImages;

class ImageFilesTests {

    @Test
    void readsAPngsSizeFromItsHeader() {
        var image = ImageFiles.read(TestImages.png(64, 48), "image 0");

        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.width()).isEqualTo(64);
        assertThat(image.height()).isEqualTo(48);
    }

    @Test
    void readsAnExtendedWebpsCanvasSize() {
        var header = webp("VP8X");
        header.position(24);
        putLittle(header, 1024 - 1, 3);
        putLittle(header, 768 - 1, 3);

        assertSize(header.array(), 1024, 768);
    }

    @Test
    void readsALosslessWebpsSize() {
        var header = webp("VP8L");
        header.put(20, (byte) 0x2f);
        header.putInt(21, (512 - 1) | ((640 - 1) << 14));

        assertSize(header.array(), 512, 640);
    }

    @Test
    void readsALossyWebpsSize() {
        var header = webp("VP8 ");
        header.put(23, (byte) 0x9d).put(24, (byte) 0x01).put(25, (byte) 0x2a);
        header.putShort(26, (short) 1344).putShort(28, (short) 768);

        assertSize(header.array(), 1344, 768);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html></html>", "GIF89a", "RIFF\0\0\0\0WAVEfmt "})
    void refusesWhatIsNoImageTheStoreKeeps(String body) {
        assertThatExceptionOfType(ProviderException.class)
                .isThrownBy(() -> ImageFiles.read(body.getBytes(StandardCharsets.ISO_8859_1), "image 0"))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo("malformed_response");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void refusesAWebpWithoutACanvas() {
        var header = webp("VP8L");

        assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> ImageFiles.read(header.array(), "x"));
    }

    private static void assertSize(byte[] bytes, int width, int height) {
        var image = ImageFiles.read(bytes, "image 0");

        assertThat(image.contentType()).isEqualTo("image/webp");
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        assertThat(image.bytes()).isEqualTo(bytes);
    }

    /** The 30 bytes a WebP file starts with: the RIFF header and the first chunk's name, the rest zero. */
    private static ByteBuffer webp(String chunk) {
        var header = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22);
        header.put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(chunk.getBytes(StandardCharsets.US_ASCII));
        return header;
    }

    private static void putLittle(ByteBuffer buffer, int value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            buffer.put((byte) (value >>> (8 * i)));
        }
    }
}
