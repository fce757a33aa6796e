package dev.imagepipeline.web.apidoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;

class RecordNullnessTests {

    record Answer(String id, @Nullable Long etaSeconds, @JsonProperty("guidance_scale") @Nullable Double guidance,
            List<String> warnings, @Nullable Shade shade) {
    }

    enum Shade {
        @JsonProperty("matte")
        MATTE
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sparse(String id, @Nullable String error) {
    }

    record Request(@NotBlank @Nullable String title, @Nullable String note) {
    }

    @Test
    void requiresWhatIsNeverNullAndLetsTheRestBeNull() {
        var answer = schemas(Answer.class).get("Answer");

        assertThat(answer.getRequired()).containsExactlyInAnyOrder("id", "warnings");
        assertThat(property(answer, "etaSeconds").getTypes()).containsExactlyInAnyOrder("integer", "null");
        assertThat(property(answer, "guidance_scale").getTypes()).containsExactlyInAnyOrder("number", "null");
        assertThat(property(answer, "id").getTypes()).containsExactly("string");
        assertThat(new ArrayList<Object>(property(answer, "shade").getEnum())).containsExactly("matte", null);
    }

    @Test
    void leavesNullOutOfARecordThatLeavesOutNulls() {
        var sparse = schemas(Sparse.class).get("Sparse");

        assertThat(sparse.getRequired()).containsExactly("id");
        assertThat(property(sparse, "error").getTypes()).containsExactly("string");
    }

    @Test
    void leavesARequestToItsConstraints() {
        var request = schemas(Request.class).get("Request");

        assertThat(request.getRequired()).containsExactly("title");
        assertThat(property(request, "note").getTypes()).containsExactly("string");
    }

    @Test
    void refusesTwoRecordsDocumentedUnderOneName() {
        assertThatIllegalStateException().isThrownBy(() -> schemas(Twins.class))
                .withMessageContaining("would be documented as schema Settings");
    }

    record Twins(First.Settings first, Second.Settings second) {
    }

    static final class First {

        record Settings(int width) {
        }
    }

    static final class Second {

        record Settings(String mood) {
        }
    }

    private static Map<String, Schema> schemas(Class<?> type) {
        var converters = new ModelConverters(true);
        converters.addConverter(new RecordNullness());
        return converters.readAll(type);
    }

    private static Schema<?> property(Schema<?> schema, String name) {
        return schema.getProperties().get(name);
    }
}
