/** Rate limits: how many requests a key may make a minute, counted in this process or shared through Redis. */
@NullMarked
package dev.imagepipeline.web.limit;

import org.jspecify.annotations.NullMarked;
