package dev.imagepipeline.notifier.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterOutputStream;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.GeneratedImage;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a completed item's images with their records as deflated JSON. A record runs to a few kilobytes of prompts,
 * settings and compliance reasons, and a catalog may hold a hundred thousand items: as objects they would take
 * hundreds of megabytes, deflated about a third as much, and the results are written as JSON anyway.
 */
final class ImageRecords {

    /** Writes records as the pipeline's events write them. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImageRecords() {
    }

    /** @return nothing when no image has a record or an original: their URLs then say all there is */
    static byte @Nullable [] pack(List<GeneratedImage> images) {
        if (images.stream().allMatch(image -> image.record() == null && image.originalUrl() == null)) {
            return null;
        }
        var packed = new ByteArrayOutputStream();
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try (var out = new DeflaterOutputStream(packed, deflater)) {
            JSON.writeValue(out, images);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return packed.toByteArray();
    }

    /** The images as a JSON array, ready to be written into a results line as it is. */
    static @Nullable String unpack(byte @Nullable [] packed) {
        if (packed == null) {
            return null;
        }
        var json = new ByteArrayOutputStream(packed.length * 4);
        var inflater = new Inflater();
        try (var out = new InflaterOutputStream(json, inflater)) {
            out.write(packed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inflater.end();
        }
        return json.toString(StandardCharsets.UTF_8);
    }
}
