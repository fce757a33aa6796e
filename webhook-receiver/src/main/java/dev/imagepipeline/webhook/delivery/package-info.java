/** What every callback endpoint shares: the raw body within its limit, the answers to rejects, and the relay. */
@NullMarked
package dev.imagepipeline.webhook.delivery;

import org.jspecify.annotations.NullMarked;
