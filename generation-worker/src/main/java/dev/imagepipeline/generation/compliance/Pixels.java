package dev.imagepipeline.generation.compliance;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/** An image as packed {@code 0xRRGGBB} values, row by row: the one form every check and fix reads and writes. */
final class Pixels {

    final int width;
    final int height;
    final int[] rgb;

    Pixels(int width, int height, int[] rgb) {
        if (rgb.length != width * height) {
            throw new IllegalArgumentException("%d values for %dx%d pixels".formatted(rgb.length, width, height));
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    static Pixels filled(int width, int height, int colour) {
        var rgb = new int[width * height];
        Arrays.fill(rgb, colour);
        return new Pixels(width, height, rgb);
    }

    /**
     * Reads any image. A pixel that is partly transparent is laid over black, since what the file holds there is not
     * the white a marketplace asks for.
     */
    static Pixels of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        return new Pixels(width, height, switch (image.getType()) {
            // The common decoded forms are read straight from the raster: getRGB converts pixel by pixel.
            case BufferedImage.TYPE_INT_RGB -> whole(image) ? fromInts(image) : overBlack(argb(image));
            case BufferedImage.TYPE_3BYTE_BGR -> whole(image) ? fromBgr(image) : overBlack(argb(image));
            default -> overBlack(argb(image));
        });
    }

    /** Whether the raster holds exactly this image's pixels from its start, not a window on a larger one. */
    private static boolean whole(BufferedImage image) {
        var raster = image.getRaster();
        return raster.getParent() == null && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0 && raster.getDataBuffer().getNumBanks() == 1
                && raster.getDataBuffer().getOffset() == 0;
    }

    private static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static int[] fromInts(BufferedImage image) {
        var data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        var rgb = new int[image.getWidth() * image.getHeight()];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = data[i] & 0xffffff;
        }
        return rgb;
    }

    private static int[] fromBgr(BufferedImage image) {
        var bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        var rgb = new int[image.getWidth() * image.getHeight()];
        for (int i = 0, b = 0; i < rgb.length; i++, b += 3) {
            rgb[i] = (bytes[b + 2] & 0xff) << 16 | (bytes[b + 1] & 0xff) << 8 | bytes[b] & 0xff;
        }
        return rgb;
    }

    private static int[] overBlack(int[] argb) {
        for (int i = 0; i < argb.length; i++) {
            int alpha = argb[i] >>> 24;
            argb[i] = alpha == 255
                    ? argb[i] & 0xffffff
                    : scale(red(argb[i]), alpha) << 16 | scale(green(argb[i]), alpha) << 8
                            | scale(blue(argb[i]), alpha);
        }
        return argb;
    }

    private static int scale(int channel, int alpha) {
        return (channel * alpha + 127) / 255;
    }

    BufferedImage toImage() {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(rgb, 0, ((DataBufferInt) image.getRaster().getDataBuffer()).getData(), 0, rgb.length);
        return image;
    }

    int longestSide() {
        return Math.max(width, height);
    }

    static int red(int rgb) {
        return rgb >> 16 & 0xff;
    }

    static int green(int rgb) {
        return rgb >> 8 & 0xff;
    }

    static int blue(int rgb) {
        return rgb & 0xff;
    }

    /** The lowest channel: a pixel is as white as its darkest channel lets it be. */
    static int minChannel(int rgb) {
        return Math.min(red(rgb), Math.min(green(rgb), blue(rgb)));
    }

    /** The largest difference between two colours in any channel. */
    static int distance(int a, int b) {
        return Math.max(Math.abs(red(a) - red(b)),
                Math.max(Math.abs(green(a) - green(b)), Math.abs(blue(a) - blue(b))));
    }

    static int rgb(int red, int green, int blue) {
        return red << 16 | green << 8 | blue;
    }
}
