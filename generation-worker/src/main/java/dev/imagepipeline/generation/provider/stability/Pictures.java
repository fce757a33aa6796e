package dev.imagepipeline.generation.provider.stability;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

import dev.imagepipeline.generation.provider.RenderedImage;

/** Reads an image's type and size from its bytes, since the API returns its own size for a ratio. */
final class Pictures {

    private static final String PNG = "image/png";

    private Pictures() {
    }

    /** The bytes with their type and size; the ordered size, and PNG as asked, when the bytes cannot be read. */
    static RenderedImage rendered(byte[] bytes, int orderedWidth, int orderedHeight) {
        // In memory: ImageIO would otherwise cache through a temporary file.
        try (var input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(input);
            if (readers.hasNext()) {
                return read(readers.next(), input, bytes);
            }
        } catch (IOException unreadable) {
            // Falls back to what was ordered: the bytes are still the vendor's image.
        }
        return new RenderedImage(bytes, PNG, orderedWidth, orderedHeight);
    }

    private static RenderedImage read(ImageReader reader, MemoryCacheImageInputStream input, byte[] bytes)
            throws IOException {
        try {
            reader.setInput(input);
            var types = reader.getOriginatingProvider().getMIMETypes();
            String type = types != null && types.length > 0 ? types[0] : PNG;
            return new RenderedImage(bytes, type, reader.getWidth(0), reader.getHeight(0));
        } finally {
            reader.dispose();
        }
    }
}
