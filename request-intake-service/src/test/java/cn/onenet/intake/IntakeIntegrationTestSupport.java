package cn.onenet.intake;

import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.reference.ReferenceDataPublished;
import cn.onenet.contracts.reference.ReferenceDataPublished.CategoryRef;
import cn.onenet.contracts.reference.ReferenceDataPublished.CommunityRef;
import cn.onenet.intake.reference.ReferenceCatalog;
import cn.onenet.platform.kafka.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * One intake context for every integration test, on one embedded KRaft broker, with the reference data every test
 * of it relies on (published once; the compacted topic keeps it for the context's life).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "onenet.kafka.partitions=3",
            "logging.structured.format.console=" })
@EmbeddedKafka(partitions = 3)
public abstract class IntakeIntegrationTestSupport {

    /** The test catalogue: two categories, two communities with their grids. */
    public static final ReferenceDataPublished REFERENCE_DATA = new ReferenceDataPublished(UUID.randomUUID(), Instant.now(),
            List.of(new CategoryRef("elderly-care", "养老服务", "Elderly care"), new CategoryRef("legal-aid", "法律援助", "Legal aid")),
            List.of(new CommunityRef("xingzhou", "星洲社区", "文新街道", List.of("xingzhou-01", "xingzhou-02")),
                    new CommunityRef("hupan", "湖畔社区", "文新街道", List.of("hupan-01"))));

    @Value("${local.server.port}")
    protected int port;

    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;

    @Autowired
    protected EventCodec codec;

    @Autowired
    protected ReferenceCatalog catalog;

    /** Publishes {@link #REFERENCE_DATA} unless intake has it already, and waits until intake has read it. */
    protected void loadReferenceData() throws Exception {
        if (!catalog.isLoaded()) {
            kafka.send(codec.encode(Topics.REFERENCE_DATA, "snapshot", REFERENCE_DATA)).get();
        }
        await().atMost(Duration.ofSeconds(15)).until(catalog::isLoaded);
    }
}
