package cn.onenet.routing.workorder.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.observability.StoredTraces;
import cn.onenet.routing.workorder.OutboxStore;
import cn.onenet.routing.workorder.OutboxStore.Lease;
import cn.onenet.routing.workorder.OutboxStore.PendingEvent;
import cn.onenet.routing.workorder.OutboxStore.Published;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay's two ways to an order's events: a new order's come with it, held under the lease it was stored with, and
 * are published without a claim; one whose lease ended while it waited is claimed again, as another relay may hold it.
 */
class OutboxRelayTests {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    private final OutboxStore outbox = mock(OutboxStore.class);
    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);
    private OutboxRelay relay;

    @BeforeEach
    void relay() {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));
        when(outbox.release(anyMap())).thenReturn(Set.of());
        relay = new OutboxRelay(outbox, kafka, new EventCodec("routing-service"),
                new StoredTraces(mock(Tracer.class), mock(Propagator.class)), Clock.fixed(NOW, ZoneOffset.UTC),
                new SimpleMeterRegistry(), Duration.ofSeconds(30), 1);
    }

    @AfterEach
    void stop() {
        relay.destroy();
    }

    @Test
    void publishesANewOrdersEventsUnderTheLeaseItWasStoredWithWithoutClaimingThem() {
        UUID order = UUID.randomUUID();
        Lease lease = relay.leaseForNewOrder();

        relay.eventsHeld(order, lease, List.of(event(order, "received"), event(order, "dispatched")));

        verify(outbox, timeout(5_000)).release(Map.of(order, new Published(lease.token(), List.of("received", "dispatched"))));
        verify(kafka, times(2)).send(any(ProducerRecord.class));
        verify(outbox, never()).claim(any(), any(), any(), any());
        assertThat(lease.until()).isEqualTo(NOW.plusSeconds(15));
    }

    @Test
    void claimsAgainANewOrderWhoseLeaseEndedWhileItWaited() {
        UUID order = UUID.randomUUID();
        when(outbox.claim(any(), anyString(), any(), any())).thenReturn(Map.of(order, List.of(event(order, "received"))));

        relay.eventsHeld(order, new Lease("ended/1", NOW.minusSeconds(1)), List.of(event(order, "received")));

        verify(outbox, timeout(5_000)).claim(eq(Set.of(order)), anyString(), eq(NOW), eq(Duration.ofSeconds(15)));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<UUID, Published>> released = ArgumentCaptor.forClass(Map.class);
        verify(outbox, timeout(5_000)).release(released.capture());
        assertThat(released.getValue().get(order).lease()).isNotEqualTo("ended/1");
        assertThat(released.getValue().get(order).eventIds()).containsExactly("received");
    }

    @Test
    void ordersABatchLeftUnderItsLeaseWhenTheBrokerFailedArePublishedOnceTheLeaseEndsNotAtTheNextFullSweep() {
        UUID order = UUID.randomUUID();
        MovingClock clock = new MovingClock(NOW);
        relay.destroy();
        relay = new OutboxRelay(outbox, kafka, new EventCodec("routing-service"),
                new StoredTraces(mock(Tracer.class), mock(Propagator.class)), clock, new SimpleMeterRegistry(),
                Duration.ofSeconds(30), 1);
        // the store lists the order's events as pending except while a relay's lease (15 s) holds them
        when(outbox.withPendingEvents(any(), eq(500))).thenAnswer(call -> {
            Instant now = call.getArgument(0);
            return now.isBefore(NOW.plusSeconds(1)) || !now.isBefore(NOW.plusSeconds(15)) ? List.of(order) : List.of();
        });
        when(outbox.claim(any(), anyString(), any(), any()))
            .thenReturn(Map.of(order, List.of(event(order, "received"))));
        when(kafka.send(any(ProducerRecord.class))).thenThrow(new KafkaException("Send failed"))
            .thenReturn(CompletableFuture.completedFuture(null));

        relay.sweep(); // the start's sweep: the broker is away, the batch fails before its release
        verify(kafka, timeout(5_000)).send(any(ProducerRecord.class));
        verify(outbox, never()).release(anyMap());
        clock.set(NOW.plusSeconds(5));
        relay.sweep(); // retried at once: still under the lease, nothing to take
        clock.set(NOW.plusSeconds(16));
        relay.sweep(); // the lease has ended: taken now, not at the full sweep due at 35 s

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<UUID, Published>> released = ArgumentCaptor.forClass(Map.class);
        verify(outbox, timeout(5_000)).release(released.capture());
        assertThat(released.getValue().get(order).eventIds()).containsExactly("received");
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {

        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static PendingEvent event(UUID order, String eventId) {
        return new PendingEvent(eventId, "onenet.request.received.v1", order.toString(),
                "{}".getBytes(StandardCharsets.UTF_8), "correlation-1", null);
    }
}
