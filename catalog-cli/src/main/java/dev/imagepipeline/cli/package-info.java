/** A command-line client that submits a catalog file to a running pipeline, follows it and writes its results. */
@NullMarked
package dev.imagepipeline.cli;

import org.jspecify.annotations.NullMarked;
