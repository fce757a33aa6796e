/** The Prompt Service's HTTP API: prompts for people and front-ends, before any job is submitted. */
@NullMarked
package dev.imagepipeline.prompt.api;

import org.jspecify.annotations.NullMarked;
