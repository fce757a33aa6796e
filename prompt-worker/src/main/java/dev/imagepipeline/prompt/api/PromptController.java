package dev.imagepipeline.prompt.api;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Prompt Service's endpoints: a prompt for one model, a preview across models, and the knowledge behind them. */
@RestController
@RequestMapping("/api/prompt")
class PromptController {

    private static final Templates TEMPLATES = Templates.all();

    private final PromptDesk desk;

    PromptController(PromptDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/generate")
    PromptView.Generated generate(@Validated @RequestBody PromptBody body) {
        return PromptView.Generated.of(desk.generate(body));
    }

    @PostMapping("/preview")
    PromptView.Previews preview(@Validated @RequestBody PromptBody body) {
        return new PromptView.Previews(desk.preview(body).stream().map(PromptView.Preview::of).toList());
    }

    @GetMapping("/templates")
    Templates templates() {
        return TEMPLATES;
    }
}
