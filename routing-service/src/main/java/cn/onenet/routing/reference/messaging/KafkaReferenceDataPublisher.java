package cn.onenet.routing.reference.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.reference.ReferenceDataPublished;
import cn.onenet.contracts.reference.ReferenceDataPublished.CategoryRef;
import cn.onenet.contracts.reference.ReferenceDataPublished.CommunityRef;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.reference.Category;
import cn.onenet.routing.reference.Community;
import cn.onenet.routing.reference.ReferenceDataPublisher;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the snapshot to the compacted reference topic under one key, so the topic always ends with the
 * newest snapshot. A snapshot the broker has not confirmed yet is retried every few seconds.
 */
@Component
class KafkaReferenceDataPublisher implements ReferenceDataPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaReferenceDataPublisher.class);
    static final String KEY = "snapshot";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final Clock clock;
    private final AtomicReference<ReferenceDataPublished> unconfirmed = new AtomicReference<>();

    KafkaReferenceDataPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, Clock clock) {
        this.kafka = kafka;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void publish(List<Category> categories, List<Community> communities) {
        unconfirmed.set(new ReferenceDataPublished(UUID.randomUUID(), clock.instant(),
                categories.stream().map(c -> new CategoryRef(c.code(), c.name(), c.nameEn())).toList(),
                communities.stream().map(c -> new CommunityRef(c.code(), c.name(), c.street(),
                        c.grids().stream().map(Community.Grid::code).toList())).toList()));
        sendUnconfirmed();
    }

    @Scheduled(fixedDelayString = "5s", initialDelayString = "5s")
    void sendUnconfirmed() {
        ReferenceDataPublished snapshot = unconfirmed.get();
        if (snapshot == null) {
            return;
        }
        try {
            kafka.send(codec.encode(Topics.REFERENCE_DATA, KEY, snapshot, snapshot.eventId().toString()))
                .get(10, TimeUnit.SECONDS);
            unconfirmed.compareAndSet(snapshot, null);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            log.warn("Reference data snapshot not confirmed by Kafka yet; retrying in 5 s: {}", ex.toString());
        }
    }
}
