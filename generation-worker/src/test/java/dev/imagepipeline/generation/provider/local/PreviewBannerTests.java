package dev.imagepipeline.generation.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class PreviewBannerTests {

    private final FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
            .getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 20));

    @Test
    void quotesAShortDescriptionWhole() {
        assertThat(PreviewBanner.excerpt("  matte black \n dripper ", metrics, 1000)).isEqualTo("matte black dripper");
    }

    @Test
    void cutsALongDescriptionAtAWordWithAnEllipsis() {
        var excerpt = PreviewBanner.excerpt("ceramic pour-over coffee dripper, matte black, for two cups", metrics,
                200);

        assertThat(excerpt).endsWith("…").startsWith("ceramic");
        assertThat(metrics.stringWidth(excerpt)).isLessThanOrEqualTo(200);
        assertThat("ceramic pour-over coffee dripper, matte black, for two cups")
                .startsWith(excerpt.substring(0, excerpt.length() - 1));
        assertThat(excerpt.charAt(excerpt.length() - 2)).isNotEqualTo(' ');
    }
}
