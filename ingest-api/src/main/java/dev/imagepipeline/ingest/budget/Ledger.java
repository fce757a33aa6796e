package dev.imagepipeline.ingest.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.Cost;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.web.access.Caller;

/**
 * What each API client has spent in each calendar month (UTC), as this instance has read it from the completion topic
 * and queued itself: a job accepted reserves its estimated cost until its terminal event; a job that succeeded then
 * counts its recorded cost (its estimate when none was recorded), one that failed or was canceled nothing. A job
 * counts in the month it was accepted. Built again from the retained events on every start, so the topic's retention
 * must cover the month for the budgets to hold.
 */
@Component
public class Ledger {

    private final Map<String, BigDecimal> budgets;
    private final Clock clock;
    private final Map<JobId, InFlight> inFlight = new HashMap<>();
    private final Map<Account, Totals> accounts = new HashMap<>();

    Ledger(IngestApiSettings settings, Clock clock) {
        this.budgets = settings.budgets();
        this.clock = clock;
    }

    /** Whether the client has a budget that a job could exceed. */
    public boolean budgeted(@Nullable String client) {
        return client != null && budgets.containsKey(client);
    }

    /**
     * Reserves the job's estimated cost in its client's month, before the job is queued.
     *
     * @throws BudgetExceededException when the estimate would take the client's month past its budget; nothing is
     *         reserved then
     */
    public synchronized void reserve(JobSubmitted job, @Nullable Cost estimate) {
        if (inFlight.containsKey(job.jobId())) {
            return;
        }
        var account = new Account(job.client(), month(job.submittedAt()));
        BigDecimal usd = usd(estimate);
        BigDecimal budget = job.client() == null ? null : budgets.get(job.client());
        var totals = accounts.getOrDefault(account, new Totals());
        if (budget != null && totals.spent.add(totals.reserved).add(usd).compareTo(budget) > 0) {
            throw new BudgetExceededException(job.client(), account.month, budget, totals.spent, totals.reserved, usd);
        }
        open(job.jobId(), account, usd);
    }

    /** A job accepted by this instance or another; one reserved here already is not counted twice. */
    public synchronized void accepted(JobAccepted accepted) {
        if (!inFlight.containsKey(accepted.jobId())) {
            open(accepted.jobId(), new Account(accepted.client(), month(accepted.at())), usd(accepted.estimatedCost()));
        }
    }

    /** The job's recorded cost replaces its reservation. */
    public synchronized void succeeded(GenerationSucceeded succeeded) {
        var job = inFlight.remove(succeeded.jobId());
        if (job != null) {
            var totals = accounts.get(job.account);
            totals.reserved = totals.reserved.subtract(job.estimate);
            totals.spent = totals.spent.add(succeeded.cost() != null ? succeeded.cost().usd() : job.estimate);
            totals.images += succeeded.images().size();
        }
    }

    /** A job that failed, was canceled or was never queued costs nothing; its reservation is released. */
    public synchronized void ended(JobId jobId) {
        var job = inFlight.remove(jobId);
        if (job != null) {
            var totals = accounts.get(job.account);
            totals.reserved = totals.reserved.subtract(job.estimate);
        }
    }

    /** This month's usage of the caller's client, or of every client while access control is off. */
    public synchronized UsageReport usage(Caller caller) {
        var month = month(clock.instant());
        var clients = new TreeSet<@Nullable String>(Comparator.nullsFirst(Comparator.naturalOrder()));
        if (caller.controlled()) {
            clients.add(caller.client());
        } else {
            clients.addAll(budgets.keySet());
            accounts.keySet()
                    .stream()
                    .filter(account -> account.month.equals(month))
                    .forEach(a -> clients.add(a.client));
        }
        var usage = new ArrayList<Usage>();
        for (String client : clients) {
            var totals = accounts.getOrDefault(new Account(client, month), new Totals());
            usage.add(Usage.of(client, totals.jobs, totals.images, totals.spent, totals.reserved,
                    client == null ? null : budgets.get(client)));
        }
        return new UsageReport(month.toString(), usage);
    }

    private void open(JobId jobId, Account account, BigDecimal estimate) {
        inFlight.put(jobId, new InFlight(account, estimate));
        var totals = accounts.computeIfAbsent(account, ignored -> new Totals());
        totals.jobs++;
        totals.reserved = totals.reserved.add(estimate);
    }

    private static BigDecimal usd(@Nullable Cost cost) {
        return cost == null ? BigDecimal.ZERO : cost.usd();
    }

    private static YearMonth month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    /** A client's month; the client is absent for jobs no client owns. */
    private record Account(@Nullable String client, YearMonth month) {

        Account {
            Objects.requireNonNull(month);
        }
    }

    private record InFlight(Account account, BigDecimal estimate) {
    }

    private static final class Totals {

        private int jobs;
        private int images;
        private BigDecimal spent = BigDecimal.ZERO;
        private BigDecimal reserved = BigDecimal.ZERO;
    }
}
