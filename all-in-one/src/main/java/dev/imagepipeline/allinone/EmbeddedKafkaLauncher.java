package dev.imagepipeline.allinone;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.imagepipeline.embeddedkafka.KraftBroker;

/**
 * Starts the embedded KRaft broker as soon as the runner's environment is ready (after logging is set up, before any
 * Kafka client exists) and points every client at it; then hands the broker to the context, which stops it after the
 * listener containers on close, SIGTERM included. Registered in {@code META-INF/spring.factories}.
 * <p>
 * The broker starts on a thread of its own while the context makes its beans, which takes as long again: the context
 * waits for it only once every bean is made, before the first client connects (see {@link BrokerReady}).
 */
class EmbeddedKafkaLauncher implements ApplicationListener<SpringApplicationEvent>,
        ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final String EXTERNAL_BROKER = "KAFKA_BOOTSTRAP_SERVERS";
    private static final String BOOTSTRAP = "spring.kafka.bootstrap-servers";
    private static final String IMAGES = "pipeline.generation-worker.images.directory";
    private static final String SOURCE = "embeddedKafka";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaLauncher.class);

    // One launcher instance listens to one SpringApplication's events.
    private KraftBroker.@Nullable Starting started;

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationFailedEvent && started != null) {
            // The start failed, perhaps before the context took the broker over; closing twice is harmless.
            started.close();
        }
    }

    private void start(ConfigurableEnvironment environment) {
        String external = environment.getProperty(EXTERNAL_BROKER, environment.getProperty(BOOTSTRAP, ""));
        if (!external.isBlank()) {
            log.info("Using the Kafka cluster at {}", external);
            environment.getPropertySources().addFirst(new BrokerSource(null, Map.of(BOOTSTRAP, external)));
            return;
        }
        var settings = Binder.get(environment).bindOrCreate("pipeline.runner", RunnerSettings.class);
        var broker = KraftBroker.startInBackground(settings.dataDirectory(), settings.brokerPort());
        started = broker;
        var properties = new HashMap<String, Object>(Map.of(BOOTSTRAP, broker.bootstrapServers()));
        if (!environment.containsProperty(IMAGES)) {
            // Images live and go with the broker's data: kept across restarts with it, or deleted with it.
            properties.put(IMAGES, broker.dataDir().resolve("images").toString());
        }
        environment.getPropertySources().addFirst(new BrokerSource(broker, properties));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getEnvironment().getPropertySources().get(SOURCE) instanceof BrokerSource source
                && source.broker != null && context.getBeanFactory() instanceof DefaultListableBeanFactory beans) {
            // Registered before the application's beans: made first, so destroyed last, after every listener
            // container and producer has stopped; and first to hear that every bean is made.
            var broker = source.broker;
            beans.registerBeanDefinition("embeddedKafkaBroker",
                    new RootBeanDefinition(BrokerReady.class, () -> new BrokerReady(broker)));
        }
    }

    @Override
    public int getOrder() {
        // Right after Boot's logging listener, so the broker logs through the configured levels.
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }

    /** Points Boot's clients at the broker, and carries the broker from the listener to the initializer. */
    private static final class BrokerSource extends MapPropertySource {

        private final KraftBroker.@Nullable Starting broker;

        BrokerSource(KraftBroker.@Nullable Starting broker, Map<String, Object> properties) {
            super(SOURCE, properties);
            this.broker = broker;
        }
    }

    /**
     * Holds the context until the broker accepts clients, once every bean is made and before any of them connects:
     * Kafka's admin makes the topics next, then the listener containers start. Stops the broker when the context
     * closes.
     */
    static final class BrokerReady implements SmartInitializingSingleton, DisposableBean {

        private final KraftBroker.Starting broker;

        BrokerReady(KraftBroker.Starting broker) {
            this.broker = broker;
        }

        @Override
        public void afterSingletonsInstantiated() {
            broker.await();
        }

        @Override
        public void destroy() {
            broker.close();
        }
    }
}
