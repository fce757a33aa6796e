package dev.imagepipeline.ingest.catalog;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.CatalogReceived;
import dev.imagepipeline.contracts.CatalogReceived.RejectedLine;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.ingest.budget.BudgetExceededException;
import dev.imagepipeline.ingest.job.GenerateRequest;
import dev.imagepipeline.ingest.job.IdempotencyKey;
import dev.imagepipeline.ingest.job.JobQueue;
import dev.imagepipeline.ingest.job.JobSubmission;
import dev.imagepipeline.ingest.job.KnownJobs;
import dev.imagepipeline.ingest.job.RecentJobsUnreadException;
import dev.imagepipeline.web.FieldProblems;
import dev.imagepipeline.web.RejectedFieldException;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an upload item by item and queues each valid one as a job on the bulk lane, a batch at a time, so that a
 * catalog of any size passes through in bounded memory. A bad line is rejected with its number and reason, and the
 * rest goes on. A catalog's jobs have ids derived from the catalog and the SKU, and the catalog's id from the
 * client's {@code Idempotency-Key}: sent again, an upload queues only the items that are not jobs yet. Each new item
 * reserves its estimated cost in its client's month as it is read, since an upload's length is not known before; an
 * item that would take the month past the client's budget is rejected like a bad line, and the items after it are
 * still read, so that a cheaper one may fit.
 */
@Service
class CatalogUpload {

    static final int MAX_SKU_LENGTH = 200;

    private static final Logger log = LoggerFactory.getLogger(CatalogUpload.class);

    private final JobSubmission submission;
    private final JobQueue queue;
    private final CatalogReceipts receipts;
    private final BulkPartitions partitions;
    private final KnownJobs known;
    private final JsonMapper json;
    private final Validator validator;
    private final IngestApiSettings.Catalogs settings;
    private final Clock clock;

    CatalogUpload(JobSubmission submission, JobQueue queue, CatalogReceipts receipts, BulkPartitions partitions,
            KnownJobs known, JsonMapper json, Validator validator, IngestApiSettings settings, Clock clock) {
        this.submission = submission;
        this.queue = queue;
        this.receipts = receipts;
        this.partitions = partitions;
        this.known = known;
        this.json = json;
        this.validator = validator;
        this.settings = settings.catalogs();
        this.clock = clock;
    }

    /**
     * @throws ItemSource.UnreadableUploadException when the upload cannot be a catalog of its format at all
     * @throws EmptyCatalogException when no line is an item
     * @throws RecentJobsUnreadException when this instance cannot yet tell which items are already jobs
     * @throws dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException when the broker did not take the jobs;
     *         those queued before stay queued, and sending the upload again with the same key queues the rest
     */
    Receipt upload(CatalogFormat format, InputStream body, @Nullable String idempotencyKey, @Nullable String client) {
        var catalog = idempotencyKey == null
                ? CatalogId.random()
                : CatalogId.forKey(IdempotencyKey.scoped(idempotencyKey, client));
        if (idempotencyKey != null && !known.awaitCaughtUp(settings.replayWait())) {
            throw new RecentJobsUnreadException();
        }
        submission.awaitLedger(client);
        var limited = new LimitedInputStream(body, settings.maxUploadSize().toBytes());
        var reading = new Reading(catalog, client, partitions.leastBusy(catalog), limited,
                format.open(limited, json, settings.maxLineLength()));
        reading.readAll();
        if (reading.items == 0) {
            throw new EmptyCatalogException(reading.rejectedCount, reading.rejected);
        }
        receipts.publish(new CatalogReceived(catalog, clock.instant(), reading.items, reading.created,
                reading.rejectedCount, reading.rejected, idempotencyKey, client));
        log.info("Catalog {}: {} items ({} new), {} lines rejected", catalog, reading.items, reading.created,
                reading.rejectedCount);
        return new Receipt(catalog.toString(), "accepted", reading.items, reading.created, reading.rejectedCount,
                reading.rejected);
    }

    /** One upload being read: what it has queued and rejected so far. */
    private final class Reading {

        private final CatalogId catalog;
        private final @Nullable String client;
        private final @Nullable Integer partition;
        private final LimitedInputStream body;
        private final ItemSource source;
        private final Map<String, Long> lineOfSku = new HashMap<>();
        private final List<JobSubmitted> batch = new ArrayList<>();
        private final List<RejectedLine> rejected = new ArrayList<>();
        private int items;
        private int created;
        private int rejectedCount;

        Reading(CatalogId catalog, @Nullable String client, @Nullable Integer partition, LimitedInputStream body,
                ItemSource source) {
            this.catalog = catalog;
            this.client = client;
            this.partition = partition;
            this.body = body;
            this.source = source;
        }

        void readAll() {
            SourceItem next;
            while ((next = next()) != null) {
                if (items == settings.maxItems()) {
                    reject(next.line(), null, "is past the limit of " + settings.maxItems()
                            + " items a catalog may hold; it and the rest of the upload were not read");
                    break;
                }
                take(next);
            }
            flush();
        }

        private @Nullable SourceItem next() {
            try {
                return source.next();
            } catch (ItemSource.UnreadableUploadException | UncheckedIOException | JacksonException e) {
                if (!body.exceeded()) {
                    if (e instanceof ItemSource.UnreadableUploadException unreadable) {
                        reject(unreadable.line(), null, unreadable.getMessage());
                        return null;
                    }
                    throw e;
                }
                reject(items + rejectedCount + 1L, null, "is past the limit of " + settings.maxUploadSize().toBytes()
                        + " bytes an upload may hold; it and the rest of the upload were not read");
                return null;
            }
        }

        private void take(SourceItem item) {
            if (item.fields() == null) {
                reject(item.line(), null, String.valueOf(item.problem()));
                return;
            }
            String sku = sku(item.fields());
            var request = checked(item.line(), sku, item.fields());
            if (sku == null || request == null) {
                return;
            }
            Long first = lineOfSku.putIfAbsent(sku, item.line());
            if (first != null) {
                reject(item.line(), sku, "repeats the SKU of line " + first);
                return;
            }
            items++;
            var job = catalog.job(sku);
            if (!known.claim(job)) {
                return;
            }
            var submitted = submission.job(job, request, Lane.BULK,
                    new CatalogItem(catalog, sku, item.line(), partition), client);
            try {
                submission.reserve(submitted);
            } catch (BudgetExceededException e) {
                known.forget(job);
                items--;
                reject(item.line(), sku, e.getMessage());
                return;
            }
            batch.add(submitted);
            if (batch.size() == settings.batchSize()) {
                flush();
            }
        }

        /** The item's request, checked as {@code POST /api/generate} checks one; {@code null} when it was rejected. */
        private @Nullable GenerateRequest checked(long line, @Nullable String sku, ObjectNode fields) {
            if (sku == null || sku.isBlank()) {
                reject(line, null, "sku must not be blank");
                return null;
            }
            if (sku.length() > MAX_SKU_LENGTH || sku.chars().anyMatch(Character::isISOControl)) {
                reject(line, null, "sku must be at most " + MAX_SKU_LENGTH + " characters, without control characters");
                return null;
            }
            try {
                var request = json.treeToValue(fields, GenerateRequest.class);
                var violations = validator.validate(request);
                if (!violations.isEmpty()) {
                    reject(line, sku,
                            FieldProblems.describe(FieldProblems.ofViolations(GenerateRequest.class, violations)));
                    return null;
                }
                submission.check(request);
                return request;
            } catch (JacksonException e) {
                var problem = FieldProblems.ofBinding(e);
                reject(line, sku, problem == null ? "is not an item" : problem.toString());
            } catch (RejectedFieldException e) {
                reject(line, sku, e.field() + " " + e.getMessage());
            }
            return null;
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            try {
                queue.enqueueAll(batch, submission::accepted);
            } catch (RuntimeException e) {
                batch.forEach(job -> {
                    known.forget(job.jobId());
                    submission.release(job);
                });
                throw e;
            }
            created += batch.size();
            batch.clear();
        }

        private void reject(long line, @Nullable String sku, String reason) {
            rejectedCount++;
            if (rejected.size() < CatalogReceived.MAX_LISTED_REJECTIONS) {
                rejected.add(new RejectedLine(line, sku, reason));
            }
        }
    }

    /** The item's SKU, taken out of its fields, which are the request's; a number is a SKU as well as a text. */
    private static @Nullable String sku(ObjectNode fields) {
        JsonNode sku = fields.remove("sku");
        return sku == null || !(sku.isString() || sku.isNumber()) ? null : sku.asString().strip();
    }
}
