package dev.imagepipeline.prompt.api;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The Prompt Service's endpoints: a prompt for one model, a preview across models, and the knowledge behind them. */
@RestController
@RequestMapping("/api/prompt")
@Tag(name = "Prompts", description = "The prompt engine: what a model would receive, and the categories, styles, marketplaces and models it knows.")
class PromptController {

    private static final Templates TEMPLATES = Templates.all();

    private final PromptDesk desk;

    PromptController(PromptDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/generate")
    @Operation(summary = "Write the prompt for one model", description = """
            The original API's answer: the optimized prompt, the negative prompt and suggested settings for the \
            named provider and model (the default provider's default model when none is named), with the model, \
            the prompt's length against its token budget, and warnings. Queues nothing.""")
    @ApiResponse(responseCode = "200", description = "The prompt for the model.")
    PromptView.Generated generate(@Validated @RequestBody PromptBody body) {
        return PromptView.Generated.of(desk.generate(body));
    }

    @PostMapping("/preview")
    @Operation(summary = "Preview the prompt across models", description = """
            The prompt, negative prompt and settings exactly as each model of `targets` (by default each configured \
            provider's default model) would receive them, with token counts and a warning for each setting a model \
            cannot honour. Queues nothing.""")
    @ApiResponse(responseCode = "200", description = "One preview a model, in the order asked for.")
    PromptView.Previews preview(@Validated @RequestBody PromptBody body) {
        return new PromptView.Previews(desk.preview(body).stream().map(PromptView.Preview::of).toList());
    }

    @GetMapping("/templates")
    @Operation(summary = "List categories, styles, marketplaces and models", description = """
            Everything a front-end needs to render its pickers and explain them: what each category, style and \
            marketplace adds to a prompt, and each known model with what it reads.""")
    @ApiResponse(responseCode = "200", description = "What the prompt engine knows.")
    Templates templates() {
        return TEMPLATES;
    }
}
