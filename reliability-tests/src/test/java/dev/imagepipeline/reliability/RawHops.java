package dev.imagepipeline.reliability;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw Kafka baseline: records passed along a chain of topics by plain kafka-clients in this JVM, as many topics as
 * a job crosses, each record the size of the job's record on that topic. The producers have the services' settings
 * ({@code acks=all}, idempotence, {@code linger.ms} 0); each relay, like a worker, forwards what it
 * polled, waits for the broker's acknowledgements, then commits. The topics have the pipeline's 3 partitions, keyed by
 * a UUID.
 */
final class RawHops implements AutoCloseable {

    private static final int PARTITIONS = 3;
    /** Where a record's origin time (8 bytes) and its run's number (4) are kept, ahead of the padding. */
    private static final int HEADER = 12;

    private final String bootstrapServers;
    private final List<String> topics;
    private final List<Integer> sizes;
    private final KafkaProducer<String, byte[]> source;
    private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
    private final List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private volatile Run current = new Run(-1, 0);

    /** @param sizes each topic's record size (key and value), in the order a job crosses them */
    RawHops(String bootstrapServers, List<Integer> sizes) throws ExecutionException, InterruptedException {
        this.bootstrapServers = bootstrapServers;
        this.sizes = List.copyOf(sizes);
        String chain = "benchmark.raw-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        this.topics = IntStream.range(0, sizes.size()).mapToObj(hop -> chain + hop).toList();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, PARTITIONS, (short) 1)).toList())
                    .all()
                    .get();
        }
        source = producer();
        for (int hop = 1; hop < topics.size(); hop++) {
            var consumer = consumer(topics.get(hop - 1), chain + "relay-" + hop);
            var producer = producer();
            String next = topics.get(hop);
            int size = valueSize(hop);
            threads.add(Thread.ofPlatform()
                    .name("raw-relay-" + hop)
                    .daemon()
                    .start(() -> relay(consumer, producer, next, size)));
        }
        var sink = consumer(topics.getLast(), chain + "sink");
        threads.add(Thread.ofPlatform().name("raw-sink").daemon().start(() -> sink(sink)));
    }

    /**
     * Sends {@code count} records at the rate given and waits for all to reach the last topic.
     *
     * @return each record's time from its send to its arrival, in nanoseconds
     */
    List<Long> latencies(int count, double perSecond, Duration within) throws InterruptedException {
        var run = start(count);
        SteadyRate.run(count, perSecond, n -> source.send(record(topics.getFirst(), run.number, valueSize(0))));
        run.await(within);
        return run.latencies();
    }

    /**
     * Sends {@code count} records as fast as the producer takes them and waits for all to reach the last topic.
     *
     * @return records a second, from the first record's arrival at the last topic to the last one's
     */
    double throughput(int count, Duration within) throws InterruptedException {
        var run = start(count);
        for (int n = 0; n < count; n++) {
            source.send(record(topics.getFirst(), run.number, valueSize(0)));
        }
        run.await(within);
        return (count - 1) / ((run.lastArrival - run.firstArrival) / 1e9);
    }

    private Run start(int count) {
        var run = new Run(runs.incrementAndGet(), count);
        current = run;
        return run;
    }

    private void relay(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer, String next,
            int size) {
        try {
            while (true) {
                var polled = consumer.poll(Duration.ofMillis(500));
                var acknowledgements = new ArrayList<Future<RecordMetadata>>();
                for (var record : polled) {
                    acknowledgements
                            .add(producer.send(new ProducerRecord<>(next, record.key(), forward(record, size))));
                }
                for (var acknowledgement : acknowledgements) {
                    acknowledgement.get(30, TimeUnit.SECONDS);
                }
                if (!polled.isEmpty()) {
                    consumer.commitAsync();
                }
            }
        } catch (WakeupException e) {
            // Closed.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The raw relay to " + next + " could not send", e);
        }
    }

    private void sink(KafkaConsumer<String, byte[]> consumer) {
        try {
            while (true) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    long arrived = System.nanoTime();
                    var header = ByteBuffer.wrap(record.value());
                    long origin = header.getLong();
                    var run = current;
                    if (header.getInt() == run.number) {
                        run.arrived(origin, arrived);
                    }
                }
            }
        } catch (WakeupException e) {
            // Closed.
        }
    }

    private ProducerRecord<String, byte[]> record(String topic, int run, int size) {
        var value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        ByteBuffer.wrap(value).putLong(System.nanoTime()).putInt(run);
        return new ProducerRecord<>(topic, UUID.randomUUID().toString(), value);
    }

    private static byte[] forward(ConsumerRecord<String, byte[]> record, int size) {
        var value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        System.arraycopy(record.value(), 0, value, 0, HEADER);
        return value;
    }

    /** The value's size on a hop: the record's, less its key (a UUID, as a job id is), and no less than the header. */
    private int valueSize(int hop) {
        return Math.max(HEADER, sizes.get(hop) - 36);
    }

    private KafkaProducer<String, byte[]> producer() {
        var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
        producers.add(producer);
        return producer;
    }

    private KafkaConsumer<String, byte[]> consumer(String topic, String group) {
        var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        // Assigned rather than subscribed: no rebalance to wait for, and the chain is the only reader.
        consumer.assign(IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList());
        consumers.add(consumer);
        return consumer;
    }

    @Override
    public void close() {
        consumers.forEach(KafkaConsumer::wakeup);
        for (var thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumers.forEach(KafkaConsumer::close);
        // The source is one of them.
        producers.forEach(KafkaProducer::close);
    }

    /** One measurement: its records' latencies as they reach the last topic, and when the first and last came. */
    private static final class Run {

        final int number;
        private final long[] latencies;
        private final AtomicInteger arrivals = new AtomicInteger();
        private final CountDownLatch done;
        private volatile long firstArrival;
        private volatile long lastArrival;

        Run(int number, int count) {
            this.number = number;
            this.latencies = new long[count];
            this.done = new CountDownLatch(count);
        }

        void arrived(long origin, long at) {
            int n = arrivals.getAndIncrement();
            if (n >= latencies.length) {
                return;
            }
            if (n == 0) {
                firstArrival = at;
            }
            lastArrival = at;
            latencies[n] = at - origin;
            done.countDown();
        }

        void await(Duration within) throws InterruptedException {
            if (!done.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Only %d of %d raw records reached the last topic within %s"
                        .formatted(arrivals.get(), latencies.length, within));
            }
        }

        List<Long> latencies() {
            return Arrays.stream(latencies).boxed().toList();
        }
    }
}
