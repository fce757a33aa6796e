package dev.imagepipeline.kafka;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.converter.ByteArrayJacksonJsonMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import dev.imagepipeline.contracts.Topics;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sets up Boot's Kafka clients for the pipeline in code, so a service and the all-in-one runner behave the same
 * whatever YAML is on the class path: string keys, JSON values without class-name headers, idempotent producers.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PipelineKafkaSettings.class)
public class PipelineKafkaAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer pipelineProducers(JsonMapper json) {
        return factory -> {
            DefaultKafkaProducerFactory<String, Object> producers = uncheckedCast(factory);
            var serializers = new LinkedHashMap<Class<?>, Serializer<?>>();
            // Dead-lettered records are forwarded as the bytes that arrived; everything else is written as JSON.
            serializers.put(byte[].class, new ByteArraySerializer());
            serializers.put(Object.class, jsonWithoutTypeHeaders(json));
            producers.updateConfigs(
                    Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
            if (!producers.getConfigurationProperties().containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
                // A worker waits for each send it makes on a job's path: Kafka 4's default linger of 5 ms made every
                // one of them 5 ms longer. Records sent together (a poll's, a catalog's) still share batches, made
                // while the one before is in flight. Configurable as spring.kafka.producer.properties.linger.ms.
                producers.updateConfigs(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
            }
            producers.setKeySerializerSupplier(StringSerializer::new);
            producers.setValueSerializerSupplier(() -> new DelegatingByTypeSerializer(serializers, true));
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer pipelineConsumers() {
        return factory -> {
            DefaultKafkaConsumerFactory<String, byte[]> consumers = uncheckedCast(factory);
            // A group that starts after records were published still reads them: no job is skipped.
            consumers.updateConfigs(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
            consumers.setKeyDeserializerSupplier(StringDeserializer::new);
            consumers.setValueDeserializerSupplier(ByteArrayDeserializer::new);
        };
    }

    @Bean
    RecordMessageConverter pipelineMessageConverter(JsonMapper json) {
        return new ByteArrayJacksonJsonMessageConverter(json);
    }

    @Bean
    PipelinePublisher pipelinePublisher(KafkaOperations<Object, Object> kafka) {
        return new PipelinePublisher(kafka);
    }

    @Bean
    PollPublisher pollPublisher(KafkaOperations<Object, Object> kafka, RecordMessageConverter pipelineMessageConverter,
            PipelineKafkaSettings settings, ObjectProvider<ObservationRegistry> observations) {
        var registry = settings.observed()
                ? observations.getIfAvailable(() -> ObservationRegistry.NOOP)
                : ObservationRegistry.NOOP;
        return new PollPublisher(kafka, pipelineMessageConverter, registry);
    }

    @Bean
    ListenerContainers pipelineListenerContainers(ConsumerFactory<Object, Object> consumers,
            KafkaOperations<Object, Object> kafka, RecordMessageConverter pipelineMessageConverter,
            PipelineKafkaSettings settings, Clock clock, ObjectProvider<MeterRegistry> meters) {
        return new ListenerContainers(consumers, kafka, pipelineMessageConverter, settings, clock,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * Observes every record Boot's template sends, whatever YAML is on the class path: the trace context travels in
     * the record's headers to the next hop's listener.
     */
    @Bean
    static BeanPostProcessor pipelineObservedTemplates(Environment environment) {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof KafkaTemplate<?, ?> template) {
                    // Read from the environment: a post-processor is made before the settings are bound.
                    template.setObservationEnabled(
                            environment.getProperty("pipeline.kafka.observed", Boolean.class, true));
                }
                return bean;
            }
        };
    }

    /** Part of every service's readiness (see the health group set up by pipeline-web). */
    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    HealthIndicator kafkaHealthIndicator(KafkaAdmin admin, PipelineKafkaSettings settings, Clock clock) {
        return new KafkaHealth(admin.getConfigurationProperties(), settings.healthTimeout(), settings.healthCacheFor(),
                clock);
    }

    /** The one clock every service stamps its events with; a test or a runner may bring its own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KafkaAdmin.NewTopics pipelineTopics(PipelineKafkaSettings settings) {
        var topics = new ArrayList<NewTopic>();
        for (String topic : Topics.ALL) {
            topics.add(topic(topic, settings.retention().toMillis(), settings));
        }
        for (String topic : Topics.WORK) {
            topics.add(topic(Topics.deadLetter(topic), settings.deadLetterRetention().toMillis(), settings));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, long retentionMs, PipelineKafkaSettings settings) {
        boolean bulk = name.startsWith(Topics.PROMPTS_BULK);
        return TopicBuilder.name(name)
                .partitions(bulk ? settings.bulkPartitions() : settings.partitions())
                .replicas(settings.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs))
                .build();
    }

    private static JacksonJsonSerializer<Object> jsonWithoutTypeHeaders(JsonMapper json) {
        var serializer = new JacksonJsonSerializer<Object>(json);
        serializer.setAddTypeInfo(false);
        return serializer;
    }

    @SuppressWarnings("unchecked")
    private static <T> T uncheckedCast(Object factory) {
        return (T) factory;
    }
}
