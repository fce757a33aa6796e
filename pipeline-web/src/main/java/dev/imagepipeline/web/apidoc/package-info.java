/** The parts of each service's OpenAPI description that every endpoint shares: problems, the API key, nullness. */
@NullMarked
package dev.imagepipeline.web.apidoc;

import org.jspecify.annotations.NullMarked;
