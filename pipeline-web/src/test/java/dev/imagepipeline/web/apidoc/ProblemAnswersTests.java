package dev.imagepipeline.web.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

class ProblemAnswersTests {

    @Test
    void givesAKeyedOperationWithABodyEveryAnswerOfTheSharedWebLayer() {
        var submit = operation(true).responses(new ApiResponses().addApiResponse("202", json())
                .addApiResponse("404", new ApiResponse().description("No such job.")));

        customise("/api/generate", submit);

        assertThat(submit.getResponses()).containsOnlyKeys("202", "400", "401", "404", "413", "415", "429");
        assertThat(submit.getSecurity()).singleElement().satisfies(item -> assertThat(item).containsKey("apiKey"));
        assertThat(submit.getResponses().get("429").getHeaders()).containsKey("Retry-After");
        assertThat(submit.getResponses().get("404").getContent()).containsOnlyKeys("application/problem+json")
                .allSatisfy((type, media) -> assertThat(media.getSchema().get$ref())
                        .isEqualTo("#/components/schemas/ProblemDetail"));
    }

    @Test
    void asksNoKeyOfAWebhookAndNoTypeOfItsBody() {
        var webhook = operation(true).responses(new ApiResponses().addApiResponse("204", new ApiResponse()));

        customise("/api/webhook/replicate", webhook);

        assertThat(webhook.getSecurity()).isNull();
        assertThat(webhook.getResponses()).containsOnlyKeys("204", "400", "413");
    }

    @Test
    void namesJsonWhereTheMappingNamedNoType() {
        var templates = operation(false).responses(new ApiResponses().addApiResponse("200", json()));

        customise("/api/prompt/templates", templates);

        assertThat(templates.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
        assertThat(templates.getResponses()).containsOnlyKeys("200", "401", "429");
    }

    private static Operation operation(boolean body) {
        var operation = new Operation();
        return body ? operation.requestBody(new RequestBody().content(new Content())) : operation;
    }

    /** An answer as springdoc describes a mapping that names no media type. */
    private static ApiResponse json() {
        return new ApiResponse().content(new Content().addMediaType("*/*", new MediaType().schema(new Schema<>())));
    }

    private static void customise(String path, Operation operation) {
        var openApi = new OpenAPI().paths(new Paths().addPathItem(path, new PathItem().post(operation)));
        new ProblemAnswers().customise(openApi);
        assertThat(openApi.getComponents().getSchemas()).containsKeys("ProblemDetail", "FieldProblem");
    }
}
