package dev.imagepipeline.prompt.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Collections;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.imagepipeline.prompt.PromptWorkerSettings;

@WebMvcTest(PromptController.class)
@Import(PromptDesk.class)
@EnableConfigurationProperties(PromptWorkerSettings.class)
class PromptControllerTests {

    @Autowired
    MockMvc mvc;

    @Test
    void answersInTheOriginalShapeForTheDefaultModel() throws Exception {
        send("/api/prompt/generate", """
                {"description":"ceramic pour-over coffee dripper, matte black","category":"kitchenware",
                 "style":"studio"}
                """).andExpect(status().isOk())
                .andExpect(jsonPath("$.optimizedPrompt").value("Professional product photography of ceramic "
                        + "pour-over coffee dripper, matte black, studio lighting, softbox, sharp focus, neutral "
                        + "background, three-quarter view from slightly above, 50mm lens, clean finish, true "
                        + "material detail, 8K resolution, high detail, commercial photography"))
                .andExpect(jsonPath("$.negativePrompt").value(startsWith("blurry, distorted, low quality")))
                .andExpect(jsonPath("$.suggestedSettings.guidance_scale").value(7.0))
                .andExpect(jsonPath("$.suggestedSettings.num_inference_steps").value(30))
                .andExpect(jsonPath("$.model.provider").value("local"))
                .andExpect(jsonPath("$.model.family").value("Stable Diffusion XL"))
                .andExpect(jsonPath("$.tokens.prompt.count").value(56))
                .andExpect(jsonPath("$.tokens.prompt.budget").value(75))
                .andExpect(jsonPath("$.warnings").isEmpty());
    }

    @Test
    void shapesForTheModelNamedAndTakesAdditionalContextAndAMarketplace() throws Exception {
        send("/api/prompt/generate", """
                {"description":"trail running shoes","category":"footwear","style":"lifestyle",
                 "additionalContext":"orange accents","marketplace":"amazon_main",
                 "provider":"replicate","model":"flux-schnell"}
                """).andExpect(status().isOk())
                .andExpect(jsonPath("$.optimizedPrompt").value(startsWith(
                        "Professional product photography of trail running shoes, orange accents. Isolated on a "
                                + "pure white background")))
                .andExpect(jsonPath("$.negativePrompt").value(""))
                .andExpect(jsonPath("$.suggestedSettings.guidance_scale").doesNotExist())
                .andExpect(jsonPath("$.suggestedSettings.num_inference_steps").value(4))
                .andExpect(jsonPath("$.warnings", hasItem(startsWith("FLUX.1 [schnell] takes no negative prompt"))));
    }

    @Test
    void showsEachProvidersDefaultModelWhenNoneIsNamed() throws Exception {
        send("/api/prompt/preview", """
                {"description":"18k gold signet ring","category":"jewelry","style":"luxury"}
                """).andExpect(status().isOk())
                .andExpect(jsonPath("$.previews", hasSize(4)))
                .andExpect(jsonPath("$.previews[*].model.model").value(org.hamcrest.Matchers.contains("preview",
                        "flux-schnell", "stabilityai/stable-diffusion-xl-base-1.0", "core")))
                .andExpect(jsonPath("$.previews[*].prompt",
                        everyItem(startsWith("Professional product photography of 18k gold signet ring"))));
    }

    @Test
    void showsExactlyWhatEachNamedModelReceivesWithItsWarnings() throws Exception {
        send("/api/prompt/preview", """
                {"description":"glass serum bottle","category":"beauty","style":"minimal",
                 "settings":{"resolution":"512x512","guidance_scale":12},
                 "targets":[{"provider":"replicate","model":"sdxl"},{"provider":"replicate","model":"flux-dev"},
                            {"provider":"stability","model":"core"}]}
                """).andExpect(status().isOk())
                .andExpect(jsonPath("$.previews[0].settings.width").value(512))
                .andExpect(jsonPath("$.previews[0].settings.guidance_scale").value(12.0))
                .andExpect(jsonPath("$.previews[0].tokens.prompt.count", lessThanOrEqualTo(75)))
                .andExpect(jsonPath("$.previews[0].tokens.prompt.unit").value("clip-bpe"))
                .andExpect(jsonPath("$.previews[0].warnings[0]")
                        .value("Stable Diffusion XL is trained at 1024x1024; at 512x512 expect less detail"))
                .andExpect(jsonPath("$.previews[1].negativePrompt").value(""))
                .andExpect(jsonPath("$.previews[1].settings.guidance_scale").value(10.0))
                .andExpect(jsonPath("$.previews[1].tokens.prompt.exact").value(false))
                .andExpect(jsonPath("$.previews[1].warnings",
                        hasItem("Guidance scale 12.0 is above FLUX.1 " + "[dev]'s maximum; 10.0 is sent")))
                .andExpect(jsonPath("$.previews[2].settings.num_inference_steps").doesNotExist())
                .andExpect(jsonPath("$.previews[2].warnings", hasItem(containsString("takes an aspect ratio"))));
    }

    @Test
    void listsEveryCategoryStyleMarketplaceAndModelWithWhatTheyAdd() throws Exception {
        mvc.perform(get("/api/prompt/templates"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.basePrompt").value("Professional product photography of {description}"))
                .andExpect(jsonPath("$.categories", hasSize(12)))
                .andExpect(jsonPath("$.categories[?(@.id == 'jewelry')].negativeTerms[*]", hasItem("dull metal")))
                .andExpect(jsonPath("$.categories[*].description", everyItem(not(""))))
                .andExpect(jsonPath("$.styles", hasSize(6)))
                .andExpect(jsonPath("$.styles[?(@.id == 'studio')].modifiers[*]", hasItem("softbox")))
                .andExpect(jsonPath("$.styles[?(@.id == 'flat_lay')].modifiers[*]", hasItem("top-down overhead view")))
                .andExpect(jsonPath("$.marketplaces[?(@.id == 'amazon_main')].minSide", hasItem(1000)))
                .andExpect(jsonPath("$.models[?(@.model == 'flux-schnell')].negativePrompt", hasItem(false)));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(arguments("missing description", """
                {"category":"toys","style":"studio"}""", "description", "must not be blank"),
                arguments("blank description", """
                        {"description":"  ","category":"toys","style":"studio"}""", "description", "must not be blank"),
                arguments("missing category", """
                        {"description":"mug","style":"studio"}""", "category",
                        "allowed values: [electronics, apparel, footwear, jewelry, beauty, furniture, home_decor, "
                                + "kitchenware, food_and_beverage, toys, sports, other]"),
                arguments("unknown category", """
                        {"description":"mug","category":"cars","style":"studio"}""", "category",
                        "'cars' is not allowed; allowed values: [electronics, apparel,"),
                arguments("unknown style", """
                        {"description":"mug","category":"toys","style":"noir"}""", "style",
                        "allowed values: [studio, lifestyle, white_background, minimal, luxury, flat_lay]"),
                arguments("unknown marketplace", """
                        {"description":"mug","category":"toys","style":"studio","marketplace":"ebay"}""", "marketplace",
                        "allowed values: [amazon_main, web_shop_square]"),
                arguments("unknown provider", """
                        {"description":"mug","category":"toys","style":"studio","provider":"acme"}""", "provider",
                        "'acme' is not a provider; allowed values: [local, replicate, huggingface, stability]"),
                arguments("syntax only", """
                        {"description":"((( )))","category":"toys","style":"studio"}""", "description",
                        "has no words once prompt syntax is removed"),
                arguments("guidance too high", """
                        {"description":"mug","category":"toys","style":"studio","settings":{"guidance_scale":99}}""",
                        "settings.guidance_scale", "must be less than or equal to 20.0"),
                arguments("wrong resolution", """
                        {"description":"mug","category":"toys","style":"studio","settings":{"resolution":"9x9"}}""",
                        "settings.resolution", "allowed values: [512x512, 768x768, 1024x1024]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void onBothEndpoints(String name, String body, String field, String message) throws Exception {
        for (String endpoint : new String[]{"/api/prompt/generate", "/api/prompt/preview"}) {
            send(endpoint, body).andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value(field))
                    .andExpect(jsonPath("$.errors[0].message").value(containsString(message)));
        }
    }

    @Test
    void whenTheTextIsTooLongStatingTheLimit() throws Exception {
        send("/api/prompt/generate", """
                {"description":"%s","category":"toys","style":"studio","additionalContext":"%s"}
                """.formatted("x".repeat(1001), "y".repeat(501))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("additionalContext must be at most 500 characters; "
                        + "description must be at most 1000 characters"));
    }

    @Test
    void whenAPreviewNamesAnUnknownProviderOrTooManyModels() throws Exception {
        send("/api/prompt/preview", """
                {"description":"mug","category":"toys","style":"studio","targets":[{"provider":"local"},
                 {"provider":"acme"}]}
                """).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("targets[1].provider"));
        send("/api/prompt/preview", """
                {"description":"mug","category":"toys","style":"studio","targets":[%s]}
                """.formatted(String.join(",", Collections.nCopies(21, "{\"provider\":\"local\"}"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("targets"));
    }

    @Test
    void whenAPreviewListsNothingWhereAModelBelongs() throws Exception {
        send("/api/prompt/preview", """
                {"description":"mug","category":"toys","style":"studio","targets":[null,{"provider":"local"}]}
                """).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("targets[0]"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be null"));
    }

    @Test
    void whenTheBodyIsNotJson() throws Exception {
        send("/api/prompt/generate", "{not json").andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The body is not valid JSON."));
    }

    private ResultActions send(String endpoint, String body) throws Exception {
        return mvc.perform(post(endpoint).contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
