package dev.imagepipeline.generation.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** One image's encoded bytes, as the provider delivered them. */
public record RenderedImage(byte[] bytes, String contentType, int width, int height) {

    /**
     * The bytes with the type and size their own header gives, which is what a vendor really sent.
     *
     * @return empty when the JDK cannot read the header: not an image, or a format it lacks, such as WebP
     */
    public static Optional<RenderedImage> decode(byte[] bytes) {
        // In memory: ImageIO would otherwise cache through a temporary file.
        try (var input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(input);
            return readers.hasNext() ? Optional.of(read(readers.next(), input, bytes)) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static RenderedImage read(ImageReader reader, MemoryCacheImageInputStream input, byte[] bytes)
            throws IOException {
        try {
            reader.setInput(input, true, true);
            var types = reader.getOriginatingProvider().getMIMETypes();
            String type = types != null && types.length > 0 ? types[0] : "image/" + reader.getFormatName();
            return new RenderedImage(bytes, type, reader.getWidth(0), reader.getHeight(0));
        } finally {
            reader.dispose();
        }
    }
}
