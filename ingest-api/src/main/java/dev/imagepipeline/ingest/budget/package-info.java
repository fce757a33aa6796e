/** What jobs cost, what each API client has spent this month, and the budgets that stop a client spending more. */
@NullMarked
package dev.imagepipeline.ingest.budget;

import org.jspecify.annotations.NullMarked;
