package cn.onenet.routing.workorder.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.EventTypes;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestAcknowledged;
import cn.onenet.contracts.requests.RequestDispatched;
import cn.onenet.contracts.requests.RequestReceived;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.observability.StoredTraces;
import cn.onenet.platform.pii.PersonalData;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import cn.onenet.routing.sla.Deadlines;
import cn.onenet.routing.workorder.EscalationPolicy;
import cn.onenet.routing.workorder.OutboxStore.Lease;
import cn.onenet.routing.workorder.OutboxStore.PendingEvent;
import cn.onenet.routing.workorder.OutboxStore.Published;
import cn.onenet.routing.workorder.WorkOrder;
import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * The leases the outbox relay takes on a batch of orders, on a database of this test's own so the running relay
 * does not publish them meanwhile: one claim takes every free order of the batch with its events in order, leaves
 * out what another relay holds, and a release keeps what was made while the lease was held; a new order stored
 * under a lease is held for that lease's holder from the start.
 */
class OutboxLeaseIntegrationTests extends RoutingIntegrationTestSupport {

    private static final Duration LEASE = Duration.ofSeconds(15);

    @Autowired
    MongoClient client;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    EventCodec codec;

    @Autowired
    PersonalData personalData;

    @Autowired
    EscalationPolicy escalation;

    @Autowired
    StoredTraces traces;

    MongoWorkOrderStore store;

    @BeforeEach
    void ownDatabase() {
        MongoTemplate own = new MongoTemplate(new SimpleMongoClientDatabaseFactory(client,
                "onenet-outbox-lease-" + UUID.randomUUID()), mongo.getConverter());
        store = new MongoWorkOrderStore(own, codec, personalData, escalation, traces);
    }

    @Test
    void aBatchClaimTakesTheFreeOrdersAndAReleaseKeepsWhatWasMadeMeanwhile() {
        Instant now = Instant.now();
        WorkOrder heldElsewhere = dispatchedOrder(now);
        WorkOrder published = dispatchedOrder(now);
        WorkOrder changedMeanwhile = dispatchedOrder(now);
        List<UUID> batch = List.of(heldElsewhere.id(), published.id(), changedMeanwhile.id());

        assertThat(store.claim(List.of(heldElsewhere.id()), "another-relay/1", now, LEASE)).containsOnlyKeys(heldElsewhere.id());
        Map<UUID, List<PendingEvent>> claimed = store.claim(batch, "this-relay/1", now, LEASE);

        assertThat(claimed).containsOnlyKeys(published.id(), changedMeanwhile.id());
        assertThat(claimed.get(published.id())).extracting(PendingEvent::type)
            .containsExactly(EventTypes.nameOf(RequestReceived.class), EventTypes.nameOf(RequestDispatched.class));
        assertThat(store.claim(batch, "a-third-relay/1", now, LEASE)).isEmpty();

        WorkOrder acknowledged = store.find(changedMeanwhile.id()).orElseThrow();
        acknowledged.acknowledge("justice-office", "已签收", now);
        store.update(acknowledged);
        assertThat(store.release(Map.of(published.id(), sent("this-relay/1", claimed.get(published.id())),
                changedMeanwhile.id(), sent("this-relay/1", claimed.get(changedMeanwhile.id())))))
            .containsExactly(changedMeanwhile.id());

        Map<UUID, List<PendingEvent>> again = store.claim(batch, "this-relay/2", now, LEASE);
        assertThat(again).containsOnlyKeys(changedMeanwhile.id());
        assertThat(again.get(changedMeanwhile.id())).extracting(PendingEvent::type).containsExactly(EventTypes.nameOf(RequestAcknowledged.class));
        assertThat(store.release(Map.of(changedMeanwhile.id(), new Published("not-the-holder", List.of()))))
            .containsExactly(changedMeanwhile.id());
        assertThat(store.claim(batch, "a-third-relay/2", now, LEASE)).isEmpty();
        Instant later = now.plus(LEASE).plusSeconds(1);
        Map<UUID, List<PendingEvent>> afterTheLeases = store.claim(batch, "this-relay/3", later, LEASE);
        assertThat(afterTheLeases).containsOnlyKeys(heldElsewhere.id(), changedMeanwhile.id());

        assertThat(store.release(Map.of(heldElsewhere.id(), sent("this-relay/3", afterTheLeases.get(heldElsewhere.id())),
                changedMeanwhile.id(), sent("this-relay/3", afterTheLeases.get(changedMeanwhile.id()))))).isEmpty();
        assertThat(store.claim(batch, "this-relay/4", later, LEASE)).as("nothing left to publish").isEmpty();
    }

    @Test
    void anOrderStoredUnderALeaseIsHeldForItsHolderFromTheStart() {
        Instant now = Instant.now();
        WorkOrder order = WorkOrder.receive(submitted(), now);
        order.dispatch("justice-office", List.of(), new Deadlines(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(5))),
                null, "routing", false, now);
        Lease lease = new Lease("this-relay/1", now.plus(LEASE));

        List<PendingEvent> stored = store.insert(order, lease).orElseThrow();

        assertThat(stored).extracting(PendingEvent::type)
            .containsExactly(EventTypes.nameOf(RequestReceived.class), EventTypes.nameOf(RequestDispatched.class));
        assertThat(stored).extracting(PendingEvent::key).containsOnly(order.id().toString());
        assertThat(store.insert(order, new Lease("another-relay/1", now.plus(LEASE)))).as("the same order again").isEmpty();
        assertThat(store.claim(List.of(order.id()), "another-relay/2", now, LEASE)).as("held by its lease").isEmpty();
        assertThat(store.withPendingEvents(now, 10)).doesNotContain(order.id());
        assertThat(store.withPendingEvents(now.plus(LEASE).plusSeconds(1), 10)).as("once the lease has ended")
            .contains(order.id());

        assertThat(store.release(Map.of(order.id(), sent("another-relay/2", stored)))).as("not the holder")
            .containsExactly(order.id());
        assertThat(store.release(Map.of(order.id(), sent("this-relay/1", stored)))).isEmpty();
        assertThat(store.claim(List.of(order.id()), "another-relay/3", now.plus(LEASE).plusSeconds(1), LEASE))
            .as("nothing left to publish").isEmpty();
    }

    private WorkOrder dispatchedOrder(Instant now) {
        WorkOrder order = WorkOrder.receive(submitted(), now);
        order.dispatch("justice-office", List.of(), new Deadlines(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(5))),
                null, "routing", false, now);
        assertThat(store.insert(order)).isTrue();
        return order;
    }

    private static RequestSubmitted submitted() {
        UUID id = UUID.randomUUID();
        return new RequestSubmitted(UUID.randomUUID(), id, String.format("%017d", Math.floorMod(id.getLeastSignificantBits(),
                100_000_000_000_000_000L)), Channel.LAWYER, "LS-" + id, null, "legal-aid", "劳动合同纠纷咨询",
                "公司拖欠三个月工资，希望获得法律援助。", Urgency.NORMAL, new Location("xingzhou", "星洲社区5幢", 30.27, 120.15),
                new Requester("李四", "13900139000"), Instant.now());
    }

    private static Published sent(String lease, List<PendingEvent> events) {
        return new Published(lease, events.stream().map(PendingEvent::eventId).toList());
    }
}
