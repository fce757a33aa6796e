package dev.imagepipeline.ingest.catalog;

import java.util.List;

import dev.imagepipeline.contracts.CatalogReceived.RejectedLine;

/**
 * The answer to an upload: the catalog, how many of its items are jobs, and which lines were rejected.
 *
 * @param items the upload's items that are jobs of the catalog
 * @param created how many of them this upload created; the others were jobs of an earlier upload with the same key
 * @param rejectedCount every rejected line
 * @param rejected the first rejected lines, by line number
 */
record Receipt(String id, String status, int items, int created, int rejectedCount, List<RejectedLine> rejected) {
}
