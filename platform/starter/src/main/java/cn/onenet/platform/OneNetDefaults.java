package cn.onenet.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Safe defaults at the lowest precedence, so a service's own configuration always wins: Kafka producers that
 * never claim a write the broker has not kept, consumers that start from the beginning and commit only what
 * they processed, Problem Details, the management endpoints operators need, a metrics tag per service and a stop
 * that takes seconds.
 */
public class OneNetDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "onenetDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.kafka.producer.acks", "all");
        defaults.put("spring.kafka.producer.properties.enable.idempotence", "true");
        defaults.put("spring.kafka.producer.properties.max.in.flight.requests.per.connection", "5");
        defaults.put("spring.kafka.producer.properties.linger.ms", "2");
        defaults.put("spring.kafka.producer.properties.max.block.ms", "3000");
        defaults.put("spring.kafka.producer.properties.request.timeout.ms", "3000");
        defaults.put("spring.kafka.producer.properties.delivery.timeout.ms", "8000");
        defaults.put("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer");
        defaults.put("spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        defaults.put("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        defaults.put("spring.kafka.consumer.value-deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        defaults.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        defaults.put("spring.kafka.consumer.enable-auto-commit", "false");
        defaults.put("spring.kafka.consumer.isolation-level", "read-committed");
        // The consumers use the classic group protocol (kafka-clients 4.x's default): a member that dies without
        // leaving (kill -9, a lost machine) keeps its partitions until its session times out, and nothing is read
        // from them meanwhile; Kafka's default of 45 s stopped dispatch for most of a minute. 10 s, heartbeats
        // every 3 s (a third, as Kafka advises); the broker allows 6 s to 30 min (group.min/max.session.timeout.ms).
        defaults.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
        defaults.put("spring.kafka.consumer.heartbeat-interval", "3s");
        defaults.put("spring.kafka.listener.observation-enabled", "true");
        defaults.put("spring.kafka.template.observation-enabled", "true");
        defaults.put("server.shutdown", "graceful");
        // a Kafka consumer closed while its group rebalances (just after a start, or while a killed instance's
        // members time out) waits for its pending join up to 30 s; a stop waits for it at most this long, then
        // ends (what it had not committed is read again: consumers are idempotent)
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "10s");
        defaults.put("server.max-http-request-header-size", "16KB");
        // The services take JSON bodies only. A multipart body was parsed before any handler (a broken one: a 500), a
        // form body read for PUT, PATCH and DELETE by a filter (a 500 with Boot's error page for %ZZ in it); now both
        // meet the handler's 415. Tomcat reads parameters from the query alone (OneNetWebConfiguration).
        defaults.put("spring.servlet.multipart.enabled", "false");
        defaults.put("spring.mvc.formcontent.filter.enabled", "false");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "always");
        defaults.put("management.health.mongodb.enabled", "false");
        // Liveness and readiness never depend on the broker or the store: a restart mends neither, and with every
        // replica sharing them an outage would take all out of the load balancer at once (callers would get the
        // gateway's bare 503 instead of intake's, which says what became of their request). They show in
        // /actuator/health's components (kafka, documentStore) and its overall status.
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState");
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        defaults.put("logging.structured.format.console", "ecs");
        defaults.put("logging.level.org.apache.kafka", "WARN");
        // A client that can't reach the broker warns at each reconnect (every client, up to once a second each:
        // ~190 lines in 8 s from routing). The health component "kafka" tells the broker's state instead, and logs
        // its change once; reconnecting less often would only delay recovery.
        defaults.put("logging.level.org.apache.kafka.clients.NetworkClient", "ERROR");
        defaults.put("logging.level.kafka", "WARN");
        defaults.put("logging.level.state.change.logger", "WARN");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
