/** Standard Webhooks signing, shared by the service that checks provider callbacks and the one that signs clients'. */
@NullMarked
package dev.imagepipeline.web.signing;

import org.jspecify.annotations.NullMarked;
