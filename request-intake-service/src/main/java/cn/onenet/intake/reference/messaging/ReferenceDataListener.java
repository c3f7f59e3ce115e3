package cn.onenet.intake.reference.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.reference.ReferenceDataPublished;
import cn.onenet.intake.reference.ReferenceCatalog;
import cn.onenet.platform.kafka.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Reads the compacted reference topic from its start on every start-up (no consumer group offsets), so each
 * intake instance holds the newest snapshot however long it was down.
 */
@Component
class ReferenceDataListener {

    private static final Logger log = LoggerFactory.getLogger(ReferenceDataListener.class);

    private final ReferenceCatalog catalog;
    private final EventCodec codec;

    ReferenceDataListener(ReferenceCatalog catalog, EventCodec codec) {
        this.catalog = catalog;
        this.codec = codec;
    }

    @KafkaListener(id = "intake-reference-data", topicPartitions = @TopicPartition(topic = Topics.REFERENCE_DATA,
            partitionOffsets = @PartitionOffset(partition = "0", initialOffset = "0")))
    void on(ConsumerRecord<String, byte[]> record) {
        if (codec.decode(record) instanceof ReferenceDataPublished published) {
            catalog.replaceWith(published);
            log.info("Reference data loaded: {} categories, {} communities (published {})",
                    published.categories().size(), published.communities().size(), published.publishedAt());
        }
    }
}
