/** The event contract every service and every external consumer shares: records, typed ids and topic names. */
@NullMarked
package dev.imagepipeline.contracts;

import org.jspecify.annotations.NullMarked;
