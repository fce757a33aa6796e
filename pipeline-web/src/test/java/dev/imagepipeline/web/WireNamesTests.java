package dev.imagepipeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.imagepipeline.web.WireNames.Property;

class WireNamesTests {

    @Test
    void spellsAPathThroughRecordsListsArraysAndMapsByTheirJsonPropertyNames() {
        assertThat(WireNames.property(Order.class, "lines[2].unitPrice"))
                .isEqualTo(new Property("line_items[2].unit_price", Long.class));
        assertThat(WireNames.property(Order.class, "extras[0][1].size"))
                .isEqualTo(new Property("extras[0][1].size", Size.class));
        assertThat(WireNames.property(Order.class, "byCode[a.b].unitPrice"))
                .isEqualTo(new Property("byCode[a.b].unit_price", Long.class));
    }

    @Test
    void keepsStepsItCannotFollowAsWritten() {
        assertThat(WireNames.property(Order.class, "lines[0].unknown.deeper"))
                .isEqualTo(new Property("line_items[0].unknown.deeper", Object.class));
    }

    @Test
    void spellsAnEnumConstantWithoutJsonPropertyByItsToStringAsJacksonDoes() {
        assertThat(WireNames.allowedValues(Size.class)).containsExactly("small", "large");
    }

    @Test
    void allowsNoListedValuesForATypeThatIsNotAnEnum() {
        assertThat(WireNames.allowedValues(Long.class)).isEmpty();
    }

    record Order(@JsonProperty("line_items") List<Line> lines, Map<String, Line> byCode, Line[][] extras) {
    }

    record Line(@JsonProperty("unit_price") Long unitPrice, Size size) {
    }

    enum Size {
        SMALL,
        LARGE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
