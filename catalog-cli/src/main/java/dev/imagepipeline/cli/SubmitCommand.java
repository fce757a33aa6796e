package dev.imagepipeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code catalog submit FILE}: uploads a catalog, follows it to its end, and downloads its results. */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true, header = "Submits a catalog file, shows its progress, and writes its results.", description = {
        "Uploads a catalog file to the pipeline (POST /api/catalogs), shows its progress as the items "
                + "are generated (done/total, percent, rate, ETA, failures), and when every item has finished writes "
                + "the results: one row per item with its SKU, job, status and image URLs.",
        "",
        "Submitting the same file again makes no new jobs: the default Idempotency-Key is derived from the "
                + "file's content, so the pipeline answers with the same catalog and this command follows it "
                + "again. That is also how to pick a catalog up after Ctrl-C."}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                        "0:every item of the catalog has its images",
                        "1:the catalog finished, but some items failed or were canceled, or lines of the file were rejected",
                        "2:the command line is wrong: an unknown option, no such file, a format that cannot be told",
                        "3:the pipeline refused the upload or a request (4xx), and says why",
                        "4:the pipeline could not be reached, failed (5xx), or its events could not be followed to the end",
                        "5:the catalog was canceled",
                        "130:interrupted (Ctrl-C)"}, footerHeading = "%nExamples:%n", footer = {
                                "  catalog submit products.csv",
                                "  catalog submit --url https://images.example --out photos.ndjson items.jsonl",
                                "  IMAGE_PIPELINE_API_KEY=... catalog submit --cancel-on-interrupt products.json"})
final class SubmitCommand implements Callable<Integer> {

    private static final int UPLOAD_ATTEMPTS = 5;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The catalog: a JSON array of items (.json), one JSON item per "
            + "line (.ndjson, .jsonl), or CSV with a header row (.csv). Each item has a sku and the fields of "
            + "POST /api/generate.")
    private Path file;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:IMAGE_PIPELINE_URL:-http://localhost:8080}", description = "The pipeline's address (environment: IMAGE_PIPELINE_URL). Default: ${DEFAULT-VALUE}")
    private URI url;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:IMAGE_PIPELINE_API_KEY}", showDefaultValue = Visibility.NEVER, description = "Sent as Authorization: Bearer KEY, and never printed "
            + "(environment: IMAGE_PIPELINE_API_KEY).")
    private @Nullable String apiKey;

    @Option(names = "--format", paramLabel = "FORMAT", description = "The file's format when its extension does not "
            + "say: ${COMPLETION-CANDIDATES}.")
    private @Nullable CatalogFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "RESULTS", description = "Where to write the results: CSV, or NDJSON "
            + "when the name ends in .ndjson or .jsonl. Default: beside FILE, as NAME.results.csv for a CSV catalog "
            + "and NAME.results.ndjson for the others.")
    private @Nullable Path out;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Names the upload: the same key always "
            + "means the same catalog and the same jobs. Default: sha256- and the file's SHA-256. Give a new key to "
            + "generate the same file again.")
    private @Nullable String idempotencyKey;

    @Option(names = "--no-progress", description = "Plain progress lines instead of a bar, as when the output is not "
            + "a terminal.")
    private boolean noProgress;

    @Option(names = "--cancel-on-interrupt", description = "On Ctrl-C, cancel the catalog's items that have not "
            + "started. Without it the catalog keeps running after Ctrl-C.")
    private boolean cancelOnInterrupt;

    @Option(names = "--reconnect-delay", hidden = true, paramLabel = "MILLIS", defaultValue = "500", description = "The first pause before reopening a dropped event stream; it doubles up to 10 s.")
    private long reconnectDelayMillis;

    @Option(names = "--idle-timeout", hidden = true, paramLabel = "MILLIS", defaultValue = "60000", description = "How long the event stream may be silent, heartbeats included, before it is reopened.")
    private long idleTimeoutMillis;

    private final boolean terminal;

    SubmitCommand(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        CatalogFormat catalogFormat = catalogFormat();
        ResultsFormat resultsFormat = out != null
                ? ResultsFormat.of(out, catalogFormat)
                : ResultsFormat.of(catalogFormat);
        Path results = out != null ? out : resultsFormat.besides(file);
        var client = new CatalogClient(url, apiKey);
        try {
            Receipt receipt = upload(client, catalogFormat, stdout);
            Progress end = follow(client, receipt, stdout);
            client.results(receipt.id(), resultsFormat, results);
            stdout.println("Catalog " + receipt.id() + " " + end.status() + ": " + end.counts().completed()
                    + " completed, " + end.counts().failed() + " failed, " + end.counts().canceled()
                    + " canceled. Results: " + results);
            return exitCode(receipt, end);
        } catch (ApiException e) {
            stderr.println("The pipeline answered " + e.title() + " (HTTP " + e.status() + ")");
            e.details().forEach(detail -> stderr.println("  " + detail));
            return e.status() < 500 ? CatalogCli.REFUSED : CatalogCli.UNREACHABLE;
        } catch (IOException e) {
            stderr.println("Could not talk to the pipeline at " + client.base() + ": " + describe(e));
            return CatalogCli.UNREACHABLE;
        }
    }

    private Receipt upload(CatalogClient client, CatalogFormat catalogFormat, PrintWriter stdout)
            throws IOException, InterruptedException, ApiException {
        String key = idempotencyKey != null ? idempotencyKey : "sha256-" + sha256(file);
        stdout.println("Submitting " + file + " (" + catalogFormat.mediaType() + ") to " + client.base());
        stdout.println("Idempotency-Key: " + key
                + (idempotencyKey != null
                        ? ""
                        : " (from the file's content: submitting this file again makes no new jobs)"));
        stdout.flush();
        var backoff = backoff();
        for (int attempt = 1;; attempt++) {
            try {
                Receipt receipt = client.upload(file, catalogFormat, key);
                printReceipt(receipt, stdout);
                return receipt;
            } catch (ApiException e) {
                // Safe to repeat: the key makes a second upload land on the catalog of the first.
                if (!e.transientFailure() || attempt == UPLOAD_ATTEMPTS) {
                    throw e;
                }
                stdout.println("The pipeline answered " + e.title() + "; trying again in "
                        + backoff.pause(attempt).toMillis() + " ms");
                Thread.sleep(backoff.pause(attempt));
            }
        }
    }

    private Progress follow(CatalogClient client, Receipt receipt, PrintWriter stdout)
            throws IOException, InterruptedException, ApiException {
        var report = new ProgressReport(stdout, terminal && !noProgress);
        var finished = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> interrupted(client, receipt.id(), finished, report));
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            var watch = new CatalogWatch(client, report, backoff(), Duration.ofMillis(idleTimeoutMillis));
            return watch.follow(receipt.id());
        } finally {
            finished.set(true);
            report.close();
            removeHook(onInterrupt);
        }
    }

    /** On Ctrl-C, while the catalog runs: cancel it, or say how to follow it again. */
    private void interrupted(CatalogClient client, String catalog, AtomicBoolean finished, ProgressReport report) {
        if (finished.get()) {
            return;
        }
        if (!cancelOnInterrupt) {
            report.end("Stopped following catalog " + catalog + "; it keeps running. Run the same command again "
                    + "to follow it and get its results: it makes no new jobs.");
            return;
        }
        try {
            client.cancel(catalog);
            report.end("Canceled catalog " + catalog + ": its items that had not started will not run.");
        } catch (IOException | ApiException e) {
            report.end("Could not cancel catalog " + catalog + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: it tells the user what became of the catalog.
        }
    }

    private CatalogFormat catalogFormat() {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--url must be an http or https address, not " + url);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "Cannot read the catalog file " + file);
        }
        if (format != null) {
            return format;
        }
        return CatalogFormat.of(file)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "Cannot tell the format of " + file
                        + " from its extension; name it with --format json, ndjson or csv"));
    }

    private CatalogWatch.Backoff backoff() {
        return new CatalogWatch.Backoff(Duration.ofMillis(reconnectDelayMillis), Duration.ofSeconds(10), 10);
    }

    private static int exitCode(Receipt receipt, Progress end) {
        if ("canceled".equals(end.status())) {
            return CatalogCli.CANCELED;
        }
        boolean allDone = end.counts().failed() == 0 && end.counts().canceled() == 0 && receipt.rejectedCount() == 0;
        return allDone ? CatalogCli.OK : CatalogCli.ITEMS_FAILED;
    }

    private static void printReceipt(Receipt receipt, PrintWriter stdout) {
        stdout.println("Catalog " + receipt.id() + " accepted: " + receipt.items() + " items, " + receipt.created()
                + " new" + (receipt.created() < receipt.items() ? " (the others are jobs of an earlier upload)" : "")
                + "; " + receipt.rejectedCount() + (receipt.rejectedCount() == 1 ? " line" : " lines") + " rejected"
                + (receipt.rejectedCount() > 0 ? ":" : ""));
        receipt.rejected().forEach(line -> stdout.println("  " + line));
        int unlisted = receipt.rejectedCount() - receipt.rejected().size();
        if (unlisted > 0) {
            stdout.println("  and " + unlisted + " more");
        }
        stdout.flush();
    }

    /** The first message along the causes; the JDK's client says nothing when a connection is refused. */
    private static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return failure instanceof ConnectException ? "cannot connect; is it running?" : failure.toString();
    }

    static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
