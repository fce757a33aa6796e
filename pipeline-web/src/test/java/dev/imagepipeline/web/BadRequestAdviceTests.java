package dev.imagepipeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(ShootController.class)
class BadRequestAdviceTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void letsAValidBodyThrough() {
        assertThat(post("""
                {"title":"mug","lighting":"soft_box","num_images":2,"framing":{"crop_margin":0},
                 "targets":[{"channel":"amazon_main","max_bytes":1000}]}
                """)).hasStatus(HttpStatus.NO_CONTENT);
    }

    @Nested
    class WhenAConstraintIsBroken {

        @Test
        void answersAProblemNamingEachFieldInWireFormSortedByField() {
            var result = post("""
                    {"title":" ","lighting":"daylight","num_images":9,"framing":{"crop_margin":-1},
                     "targets":[{"channel":"web_shop","max_bytes":1},{"channel":"web_shop","max_bytes":0}]}
                    """);

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson()
                    .isStrictlyEqualTo(
                            """
                                    {"status":400,"title":"Invalid request","instance":"/api/shoots",
                                     "detail":"framing.crop_margin must be greater than or equal to 0; num_images must be less than or equal to 4; targets[1].max_bytes must be greater than 0; title must not be blank",
                                     "errors":[
                                       {"field":"framing.crop_margin","message":"must be greater than or equal to 0"},
                                       {"field":"num_images","message":"must be less than or equal to 4"},
                                       {"field":"targets[1].max_bytes","message":"must be greater than 0"},
                                       {"field":"title","message":"must not be blank"}]}
                                    """);
        }

        @Test
        void listsTheValuesAMissingEnumAllows() {
            assertErrors(post("""
                    {"title":"mug"}
                    """), error("lighting", "must not be null; allowed values: [soft_box, daylight]"));
        }

        @Test
        void listsTheValuesAMissingEnumInAListAllows() {
            assertErrors(post("""
                    {"title":"mug","lighting":"daylight","targets":[{"channel":"web_shop"},{"max_bytes":1}]}
                    """), error("targets[1].channel", "must not be null; allowed values: [amazon_main, web_shop]"));
        }
    }

    @Nested
    class WhenTheBodyCannotBeRead {

        @Test
        void listsTheValuesAnEnumAllows() {
            assertErrors(post("""
                    {"title":"mug","lighting":"neon"}
                    """), error("lighting", "'neon' is not allowed; allowed values: [soft_box, daylight]"));
        }

        @Test
        void namesAnUnknownEnumValueInAList() {
            assertErrors(post("""
                    {"title":"mug","lighting":"daylight","targets":[{"channel":"web_shop"},{"channel":"ebay"}]}
                    """),
                    error("targets[1].channel", "'ebay' is not allowed; allowed values: [amazon_main, web_shop]"));
        }

        @Test
        void namesAFieldOfTheWrongType() {
            assertErrors(post("""
                    {"title":"mug","lighting":"daylight","framing":{"crop_margin":"wide"}}
                    """), error("framing.crop_margin", "has the wrong type"));
        }

        @Test
        void namesAFieldARecordRequiresWhenItIsMissing() {
            assertErrors(post("""
                    {"title":"mug","lighting":"daylight","framing":{"bleed":4}}
                    """), error("framing.anchor", "must not be null"));
        }

        @Test
        void namesAValueARecordRefusesWithItsReason() {
            assertErrors(post("""
                    {"title":"mug","lighting":"daylight","framing":{"bleed":-2,"anchor":"top"}}
                    """), error("framing", "bleed must not be negative, not -2"));
        }

        @Test
        void namesAFieldOfTheWrongTypeInAList() {
            assertErrors(post("""
                    {"title":"mug","lighting":"daylight","targets":[{"channel":"web_shop","max_bytes":"big"}]}
                    """), error("targets[0].max_bytes", "has the wrong type"));
        }

        @Test
        void namesANumberOutOfRange() {
            assertErrors(post("""
                    {"title":"mug","lighting":"daylight","num_images":99999999999}
                    """), error("num_images", "is out of range"));
        }

        @Test
        void saysSoWhenANumberIsTooLongToRead() {
            var result = post("""
                    {"title":"mug","lighting":"daylight","num_images":%s}
                    """.formatted("9".repeat(2000)));

            assertErrors(result);
            assertThat(result).bodyJson()
                    .extractingPath("$.detail")
                    .isEqualTo("The body holds a number or text too long, or nesting too deep, to read.");
        }

        @Test
        void saysSoWhenTheBodyIsJsonButNotAnObject() {
            for (String body : List.of("[]", "\"mug\"", "42", " ")) {
                var result = post(body);

                assertErrors(result);
                assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("The body must be a JSON object.");
            }
        }

        @Test
        void saysSoWhenTheBodyIsEmptyOrNull() {
            for (String body : List.of("", "null")) {
                var result = post(body);

                assertErrors(result);
                assertThat(result).bodyJson()
                        .extractingPath("$.detail")
                        .isEqualTo("The body must be a JSON object, not empty or null.");
            }
        }

        @Test
        void saysSoWhenTheBodyIsNotJson() {
            var result = post("{title: mug");

            assertErrors(result);
            assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("The body is not valid JSON.");
        }
    }

    @Test
    void namesAFieldTheServiceRejects() {
        var result = post("""
                {"title":"taken","lighting":"daylight"}
                """);

        assertErrors(result, error("title", "'taken' is already used"));
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("title 'taken' is already used");
    }

    private MvcTestResult post(String body) {
        return mvc.post().uri("/api/shoots").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @SafeVarargs
    private static void assertErrors(MvcTestResult result, Map<String, String>... errors) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid request");
        assertThat(result).bodyJson().extractingPath("$.errors").isEqualTo(List.of(errors));
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
