package dev.imagepipeline.generation.provider.huggingface;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/** The Hugging Face fixtures copied from the shared provider contracts, and small real images to answer with. */
final class HuggingFaceFixtures {

    private HuggingFaceFixtures() {
    }

    /** A fixture as it travels on the wire: without the {@code _} keys that annotate it for test authors. */
    static String wire(String fixture) {
        var json = (ObjectNode) JsonMapper.shared().readTree(text(fixture));
        json.propertyNames().stream().filter(name -> name.startsWith("_")).toList().forEach(json::remove);
        return json.toString();
    }

    /** A fixture's value at a JSON pointer, such as {@code /parameters/seed}. */
    static String value(String fixture, String pointer) {
        return JsonMapper.shared().readTree(text(fixture)).at(pointer).asString();
    }

    static String text(String fixture) {
        try (InputStream in = HuggingFaceFixtures.class
                .getResourceAsStream("/provider-contracts/huggingface/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + fixture);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(int width, int height, Color color) {
        return encode("png", width, height, color);
    }

    static byte[] jpeg(int width, int height, Color color) {
        return encode("jpeg", width, height, color);
    }

    private static byte[] encode(String format, int width, int height, Color color) {
        var picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = picture.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        var bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture, format, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
