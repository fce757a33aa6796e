/** How every HTTP service answers bad input: a problem naming each field as the client wrote it. */
@NullMarked
package dev.imagepipeline.web;

import org.jspecify.annotations.NullMarked;
