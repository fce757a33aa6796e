package dev.imagepipeline.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one run of the fault suite found, for its checks and its report.
 *
 * @param planStart when the first job was sent, from which the timeline counts
 * @param timeline what the suite did to the pipeline, and when
 * @param malformed the malformed records sent
 * @param skipped for each topic without a dead-letter twin, the keys of the malformed records each service logged and
 *        skipped
 * @param namedJobEnds for each malformed record keyed by a job id, the results the completion topic then holds
 * @param viewMismatches jobs whose status in result-notifier's view is not their first result on the topic
 * @param exited processes that ended although the suite did not end them
 * @param evidence for jobs without a terminal event or with two results, what the topic and the provider know of
 *        them
 */
record RunFacts(Instant startedAt, Instant planStart, Duration wallTime, Jobs jobs, Outcomes outcomes,
        Provider provider, Map<String, Integer> faults, List<FaultPlan.Done> timeline,
        List<MalformedRecords.Sent> malformed, List<DeadLetters> deadLetters,
        Map<String, Map<String, Set<String>>> skipped, Map<String, List<String>> namedJobEnds, Leaks leaks,
        List<String> viewMismatches, List<String> exited, List<String> evidence) {

    /** How many malformed records went to the topic. */
    long malformedSent(String topic) {
        return malformed.stream().filter(sent -> sent.topic().equals(topic)).count();
    }

    /** The keys of those that were no JSON object at all. */
    List<String> unreadableSent(String topic) {
        return malformed.stream()
                .filter(sent -> sent.topic().equals(topic) && !sent.object())
                .map(MalformedRecords.Sent::key)
                .toList();
    }

    /**
     * @param retries requests the client sent again after a failure of the pipeline
     */
    record Jobs(int singles, int catalogItems, int submitted, int accepted, int notAccepted, int retries) {
    }

    /**
     * What the provider saw.
     *
     * @param jobsSubmittedTwice jobs with more than one prediction
     * @param extraPredictions predictions beyond the first of each job
     * @param afterLostAnswer of those, predictions of jobs one of whose creates was answered too late to be read
     * @param unattributed predictions made without a webhook, so without a job to count them by
     */
    record Provider(int predictions, int jobsSubmittedTwice, int extraPredictions, int afterLostAnswer,
            int unattributed, int polls, int cancels, int expired, Deliveries webhooks) {
    }

    /** Webhooks the stub sent: delivered, sent again after a failure, refused by the receiver, given up. */
    record Deliveries(int delivered, int retried, int refused, int abandoned) {
    }

    /** Where the secrets were searched, and every place one was found. */
    record Leaks(int lines, int records, int answers, List<String> found) {
    }
}
