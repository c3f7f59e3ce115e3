package cn.onenet.routing.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.routing.RoutingIntegrationTestSupport;
import cn.onenet.routing.delivery.Delivery;
import cn.onenet.routing.delivery.DeliveryState;
import cn.onenet.routing.delivery.DeliveryStore.Positions;
import cn.onenet.routing.delivery.Target;
import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * The leases a turn of the feed sequencer takes on several targets' feeds at once, on a database of this test's
 * own so the running sequencer leaves it alone: one claim leases and reserves every free feed (creating those not
 * there yet), leaves out one another holder has, and one write gives out the positions of all of them, telling
 * which target's lease had run out.
 */
class FeedLeaseIntegrationTests extends RoutingIntegrationTestSupport {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Target HOTLINE = Target.parse("channel:HOTLINE");
    private static final Target LIVELIHOOD = Target.parse("channel:LIVELIHOOD");
    private static final Target HOUSING = Target.department("housing");

    @Autowired
    MongoClient client;

    @Autowired
    MongoTemplate mongo;

    MongoDeliveryStore store;

    @BeforeEach
    void ownDatabase() {
        store = new MongoDeliveryStore(new MongoTemplate(new SimpleMongoClientDatabaseFactory(client,
                "onenet-feed-lease-" + UUID.randomUUID()), mongo.getConverter()));
    }

    @Test
    void oneClaimLeasesEveryFreeFeedAndOneWriteGivesOutTheirPositions() {
        Instant now = Instant.now();
        List<String> hotline = stored(HOTLINE, 3, now);
        List<String> livelihood = stored(LIVELIHOOD, 2, now);

        // feeds not there yet are created and leased with the rest
        assertThat(store.claimFeeds(Map.of(HOTLINE, 3, LIVELIHOOD, 2), "this-turn/1", now, LEASE))
            .isEqualTo(Map.of(HOTLINE, 0L, LIVELIHOOD, 0L));
        // another holder gets only the feed nobody has
        assertThat(store.claimFeeds(Map.of(HOTLINE, 1, LIVELIHOOD, 1, HOUSING, 4), "other-turn/1", now, LEASE))
            .isEqualTo(Map.of(HOUSING, 0L));

        assertThat(store.assignPositions(List.of(new Positions(HOTLINE, hotline, 1), new Positions(LIVELIHOOD, livelihood, 1))))
            .isEmpty();
        assertThat(feed(HOTLINE)).containsExactly(hotline.get(0) + "@1", hotline.get(1) + "@2", hotline.get(2) + "@3");
        assertThat(feed(LIVELIHOOD)).containsExactly(livelihood.get(0) + "@1", livelihood.get(1) + "@2");

        // a release by the wrong holder gives up nothing; the right one's frees the feed with its reservation kept
        store.releaseFeeds(List.of(HOTLINE, LIVELIHOOD), "other-turn/1");
        assertThat(store.claimFeeds(Map.of(HOTLINE, 1), "third-turn/1", now, LEASE)).isEmpty();
        store.releaseFeeds(List.of(HOTLINE, LIVELIHOOD), "this-turn/1");
        assertThat(store.claimFeeds(Map.of(HOTLINE, 2, LIVELIHOOD, 0), "third-turn/2", now, LEASE))
            .isEqualTo(Map.of(HOTLINE, 3L, LIVELIHOOD, 2L));
        // a lease that ran out is free again
        assertThat(store.claimFeeds(Map.of(HOUSING, 1), "third-turn/3", now.plus(LEASE).plusSeconds(1), LEASE))
            .isEqualTo(Map.of(HOUSING, 4L));
    }

    @Test
    void aPositionTakenAlreadyNamesItsTargetAndTheOthersStillGetTheirs() {
        Instant now = Instant.now();
        List<String> hotline = stored(HOTLINE, 2, now);
        List<String> housing = stored(HOUSING, 2, now);
        assertThat(store.assignPositions(List.of(new Positions(HOTLINE, hotline.subList(0, 1), 1)))).isEmpty();

        // the second hotline delivery is given position 1, which the first has (a holder whose lease ran out)
        assertThat(store.assignPositions(List.of(new Positions(HOTLINE, hotline.subList(1, 2), 1),
                new Positions(HOUSING, housing, 1)))).containsExactly(HOTLINE);
        assertThat(feed(HOTLINE)).containsExactly(hotline.get(0) + "@1");
        assertThat(feed(HOUSING)).containsExactly(housing.get(0) + "@1", housing.get(1) + "@2");

        // a delivery with a position keeps it; the position meant for it stays a gap
        assertThat(store.assignPositions(List.of(new Positions(HOTLINE, hotline, 7)))).isEmpty();
        assertThat(feed(HOTLINE)).containsExactly(hotline.get(0) + "@1", hotline.get(1) + "@8");
    }

    private List<String> stored(Target target, int count, Instant now) {
        List<Delivery> deliveries = new ArrayList<>();
        UUID order = UUID.randomUUID();
        for (int sequence = 1; sequence <= count; sequence++) {
            UUID event = UUID.randomUUID();
            deliveries.add(new Delivery(Delivery.idOf(event, target), target, event, order, sequence, "RequestReceived", now,
                    "{}", DeliveryState.PULL_ONLY, 0, null, now, null, null, null, null, null, null, null));
        }
        store.addAll(deliveries);
        return deliveries.stream().map(Delivery::id).toList();
    }

    private List<String> feed(Target target) {
        return store.feed(target, 0, 100).stream().map(delivery -> delivery.id() + "@" + delivery.position()).toList();
    }
}
