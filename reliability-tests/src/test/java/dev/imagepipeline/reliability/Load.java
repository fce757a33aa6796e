package dev.imagepipeline.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;

/**
 * The jobs the suite submits through ingest-api: single jobs at a steady rate, each in a request of its own, for as long
 * as the faults go on, and one catalog upload; every job the pipeline accepted is remembered by its id.
 */
final class Load implements AutoCloseable {

    /** How long a client keeps sending a request the pipeline fails to answer. */
    static final Duration KEEP_TRYING = Duration.ofMinutes(2);
    static final String JOB = """
            {"description":"fault suite product %d: stoneware mug with speckled glaze","category":"kitchenware",
             "style":"white_background","provider":"replicate","settings":{"num_images":1,"resolution":"512x512"}}
            """;
    static final String ITEM = """
            {"sku":"FS-%05d","description":"fault suite catalog item %d: linen tote bag","category":"apparel",\
            "style":"lifestyle","provider":"replicate","settings":{"num_images":1,"resolution":"512x512"}}
            """;

    private final Client client;
    private final URI ingest;
    private final String run = UUID.randomUUID().toString();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger singles = new AtomicInteger();
    private final AtomicInteger items = new AtomicInteger();
    private final AtomicInteger notAccepted = new AtomicInteger();
    private final List<CompletableFuture<Void>> requests = new ArrayList<>();
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    Load(Client client, URI ingest) {
        this.client = client;
        this.ingest = ingest;
    }

    /** Submits single jobs at the rate given, without waiting for them, until {@link #stop()} or the most given. */
    void start(int perSecond, int atMost) {
        pace.scheduleAtFixedRate(() -> {
            int job = singles.getAndIncrement();
            if (job < atMost) {
                synchronized (requests) {
                    requests.add(CompletableFuture.runAsync(() -> submitSingle(job), senders));
                }
            } else {
                singles.decrementAndGet();
            }
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    /** Submits no more single jobs. */
    void stop() {
        pace.shutdownNow();
    }

    private void submitSingle(int job) {
        remember(client.submit(ingest.resolve("/api/generate"), "application/json", run + "-" + job, JOB.formatted(job),
                KEEP_TRYING).map(answer -> answer.get("id").asString()));
    }

    /**
     * Uploads a catalog of the items given, as NDJSON, and waits for the answer.
     *
     * @return the receipt: the catalog's id and how many jobs it created; empty when it was not accepted
     */
    Optional<JsonNode> uploadCatalog(int count) {
        String ndjson = IntStream.range(0, count)
                .mapToObj(item -> ITEM.formatted(item, item).strip())
                .collect(Collectors.joining("\n"));
        items.addAndGet(count);
        var receipt = client.submit(ingest.resolve("/api/catalogs"), "application/x-ndjson", run + "-catalog", ndjson,
                KEEP_TRYING);
        if (receipt.isEmpty()) {
            notAccepted.addAndGet(count);
        }
        return receipt;
    }

    /** Counts a catalog's job, which the completion topic names, as accepted. */
    void acceptedWithCatalog(String job) {
        accepted.add(job);
    }

    private void remember(Optional<String> job) {
        job.ifPresentOrElse(accepted::add, notAccepted::incrementAndGet);
    }

    /** Waits for every single job sent to be accepted, refused or given up on. */
    void awaitAnswers(Duration within) {
        CompletableFuture<?>[] all;
        synchronized (requests) {
            all = requests.toArray(CompletableFuture[]::new);
        }
        CompletableFuture.allOf(all).orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    int singles() {
        return singles.get();
    }

    int items() {
        return items.get();
    }

    int submitted() {
        return singles.get() + items.get();
    }

    int notAccepted() {
        return notAccepted.get();
    }

    @Override
    public void close() {
        pace.shutdownNow();
        senders.shutdownNow();
    }
}
