package dev.imagepipeline.generation.compliance;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;

/** Product photos drawn for the tests: a plain background and a dark product block, exactly where asked. */
final class Pictures {

    static {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    }

    private Pictures() {
    }

    /** A square of {@code side} px with a centred product spanning {@code fill} of it on the given grey level. */
    static BufferedImage centred(int side, double fill, int background) {
        int product = (int) Math.round(side * fill);
        int at = (side - product) / 2;
        return withProduct(side, side, background, at, at, product, product);
    }

    static BufferedImage withProduct(int width, int height, int background, int x, int y, int productWidth,
            int productHeight) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(background, background, background));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(40, 60, 90));
        g.fillRect(x, y, productWidth, productHeight);
        g.dispose();
        return image;
    }

    /** Glyph-like dark marks in a row, as letters of a word. */
    static BufferedImage withMarks(BufferedImage image, int x, int y, int count, int height) {
        var g = image.createGraphics();
        g.setColor(Color.BLACK);
        for (int i = 0; i < count; i++) {
            g.fillRect(x + i * height, y, height / 2, height);
        }
        g.dispose();
        return image;
    }

    static BufferedImage withText(BufferedImage image, String text, int x, int y, int size) {
        var g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        g.drawString(text, x, y);
        g.dispose();
        return image;
    }

    static int grey(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xff;
    }
}
