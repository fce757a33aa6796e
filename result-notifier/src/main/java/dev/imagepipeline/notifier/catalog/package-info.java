/** The view of catalogs, bulk uploads followed item by item, and the HTTP endpoints that read and cancel them. */
@NullMarked
package dev.imagepipeline.notifier.catalog;

import org.jspecify.annotations.NullMarked;
