package dev.imagepipeline.generation.provider.local;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.geom.RoundRectangle2D;

/** The label across the foot of every preview, so no one mistakes it for a generated photo. */
final class PreviewBanner {

    static final String LABEL = "PREVIEW · local renderer · not AI";
    private static final String ELLIPSIS = "…";

    private PreviewBanner() {
    }

    static void paint(Canvas canvas, String description) {
        var unit = canvas.unit();
        var g = canvas.g();
        var title = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, points(unit * 0.032)));
        var body = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, points(unit * 0.026)));
        var margin = unit * 0.035;
        var padding = unit * 0.02;
        var height = title.getHeight() + body.getHeight() + 2 * padding;
        var banner = new RoundRectangle2D.Double(margin, canvas.height() - margin - height, canvas.width() - 2 * margin,
                height, unit * 0.03, unit * 0.03);
        panel(canvas, banner);
        var x = (float) (banner.getX() + padding);
        var baseline = banner.getY() + padding + title.getAscent();
        g.setColor(Color.WHITE);
        g.setFont(title.getFont());
        g.drawString(LABEL, x, (float) baseline);
        g.setColor(new Color(225, 225, 225));
        g.setFont(body.getFont());
        g.drawString(excerpt(description, body, banner.getWidth() - 2 * padding), x,
                (float) (baseline + title.getDescent() + body.getAscent()));
    }

    private static void panel(Canvas canvas, RoundRectangle2D banner) {
        canvas.fill(new Color(0, 0, 0, 170), banner);
        // A faint edge keeps the banner distinct on dark scenes.
        canvas.g().setStroke(new BasicStroke((float) Math.max(1, canvas.unit() / 512)));
        canvas.g().setColor(new Color(255, 255, 255, 70));
        canvas.g().draw(banner);
    }

    /** As many whole words of the description as fit the width, with an ellipsis when some were left out. */
    static String excerpt(String description, FontMetrics metrics, double width) {
        var words = description.strip().split("\\s+");
        var whole = String.join(" ", words);
        if (metrics.stringWidth(whole) <= width) {
            return whole;
        }
        var kept = new StringBuilder();
        for (var word : words) {
            var longer = kept.isEmpty() ? word : kept + " " + word;
            if (metrics.stringWidth(longer + ELLIPSIS) > width) {
                break;
            }
            kept.setLength(0);
            kept.append(longer);
        }
        return kept + ELLIPSIS;
    }

    private static int points(double size) {
        return (int) Math.max(8, Math.round(size));
    }
}
