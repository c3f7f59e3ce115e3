package cn.onenet.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.routing.sla.Deadlines;
import cn.onenet.routing.workorder.DeadlineKind;
import cn.onenet.routing.workorder.RejectionReason;
import cn.onenet.routing.workorder.WorkOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The definitions behind the rates, on orders walked through the aggregate at chosen instants. */
class OrderFactsTests {

    /** Monday 2 November 2026, 09:00 in Shanghai. */
    static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");
    static final Duration SIGN_FOR = Duration.ofHours(4);
    static final Duration RESOLVE = Duration.ofDays(5);
    static final String DEPT = "civil-affairs";

    @Test
    void aSignForAfterTheDeadlineIsNotOnTime() {
        WorkOrder order = dispatched(DEPT);
        order.acknowledge(DEPT, null, T0.plus(SIGN_FOR).plusSeconds(1));

        OrderFacts facts = facts(order);

        assertThat(facts.dispatched()).isTrue();
        assertThat(facts.acknowledgedOnTime()).isFalse();
    }

    @Test
    void aSignForExactlyAtTheDeadlineIsOnTime() {
        WorkOrder order = dispatched(DEPT);
        order.acknowledge(DEPT, null, T0.plus(SIGN_FOR));

        assertThat(facts(order).acknowledgedOnTime()).isTrue();
    }

    @Test
    void anOrderNotYetSignedForIsNotOnTimeEvenInsideItsDeadline() {
        assertThat(facts(dispatched(DEPT)).acknowledgedOnTime()).isFalse();
    }

    @Test
    void aResolutionBeforeTheDeadlineIsResolvedOnTime() {
        WorkOrder order = acknowledged(DEPT);
        order.resolve(DEPT, "已安排送餐", T0.plus(Duration.ofDays(2)));

        OrderFacts facts = facts(order);

        assertThat(facts.resolved()).isTrue();
        assertThat(facts.resolvedOnTime()).isTrue();
        assertThat(facts.overdue(T0.plus(Duration.ofDays(30)))).as("resolved orders wait for the callback").isFalse();
    }

    @Test
    void aLateResolutionIsResolvedButNotOnTime() {
        WorkOrder order = acknowledged(DEPT);
        order.resolve(DEPT, "已处理", T0.plus(RESOLVE).plusSeconds(1));

        OrderFacts facts = facts(order);

        assertThat(facts.resolved()).isTrue();
        assertThat(facts.resolvedOnTime()).isFalse();
    }

    @Test
    void aResolutionInsideAnApprovedExtensionIsOnTime() {
        WorkOrder order = acknowledged(DEPT);
        order.requestExtension(DEPT, T0.plus(Duration.ofDays(10)), "需要协调", T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        order.decideExtension(true, null, "supervisor", T0.plus(Duration.ofDays(2)), ZoneOffset.UTC);
        order.resolve(DEPT, "已处理", T0.plus(Duration.ofDays(8)));

        assertThat(facts(order).resolvedOnTime()).isTrue();
    }

    @Test
    void aRejectedOrderIsExcludedFromEveryDenominator() {
        WorkOrder order = dispatched(DEPT);
        order.reject(RejectionReason.NOT_GOVERNMENT_MATTER, "非政府职能", "dispatcher", T0.plusSeconds(60));

        OrderFacts facts = facts(order);

        assertThat(facts.excluded()).isTrue();
        assertThat(facts.dispatchedDepartment()).as("still shows where it was").isEqualTo(DEPT);
        assertThat(facts.overdue(T0.plus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void aDissatisfiedCallbackReopensTheOrder() {
        WorkOrder order = acknowledged(DEPT);
        order.resolve(DEPT, "已处理", T0.plus(Duration.ofDays(1)));
        Instant reopenedAt = T0.plus(Duration.ofDays(2));
        order.recordFeedback(Satisfaction.DISSATISFIED, "没人来", new Deadlines(reopenedAt.plus(SIGN_FOR),
                reopenedAt.plus(RESOLVE)), "callback", reopenedAt);

        OrderFacts facts = facts(order);

        assertThat(facts.calledBack()).isTrue();
        assertThat(facts.satisfied()).isFalse();
        assertThat(facts.resolved()).as("not resolved until resolved again").isFalse();
        assertThat(facts.resolvedOnTime()).isFalse();
        assertThat(facts.acknowledgedOnTime()).as("the sign-for after dispatch stays on time").isTrue();
        assertThat(facts.overdue(reopenedAt.plus(RESOLVE).plusSeconds(1))).isTrue();
    }

    @Test
    void aLateSignForStaysLateAfterAReopeningReplacedTheDeadlines() {
        WorkOrder order = dispatched(DEPT);
        order.acknowledge(DEPT, null, T0.plus(SIGN_FOR).plus(Duration.ofHours(1)));
        order.resolve(DEPT, "已处理", T0.plus(Duration.ofDays(1)));
        Instant reopenedAt = T0.plus(Duration.ofDays(2));
        order.recordFeedback(Satisfaction.DISSATISFIED, null, new Deadlines(reopenedAt.plus(SIGN_FOR),
                reopenedAt.plus(RESOLVE)), "callback", reopenedAt);

        assertThat(facts(order).acknowledgedOnTime()).isFalse();
    }

    @Test
    void aSatisfiedOrBasicallySatisfiedCallbackClosesAndCountsAsSatisfied() {
        for (Satisfaction answer : List.of(Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED)) {
            WorkOrder order = acknowledged(DEPT);
            order.resolve(DEPT, "已处理", T0.plus(Duration.ofDays(1)));
            order.recordFeedback(answer, null, null, "callback", T0.plus(Duration.ofDays(2)));

            OrderFacts facts = facts(order);

            assertThat(facts.closed()).isTrue();
            assertThat(facts.satisfied()).isTrue();
            assertThat(facts.resolvedOnTime()).isTrue();
            assertThat(facts.open()).isFalse();
        }
    }

    @Test
    void aReturnedOrderCountsForTheDepartmentItWasLastDispatchedTo() {
        WorkOrder order = dispatched("urban-management");
        order.returnOrder("urban-management", "不属于本单位职责", T0.plusSeconds(600));

        assertThat(facts(order).dispatchedDepartment()).isEqualTo("urban-management");
        assertThat(facts(order).department()).isNull();

        Instant again = T0.plus(Duration.ofHours(2));
        order.dispatch(DEPT, List.of(), new Deadlines(again.plus(SIGN_FOR), again.plus(RESOLVE)), null, "dispatcher",
                false, again);
        order.acknowledge(DEPT, null, again.plus(Duration.ofHours(3)));

        OrderFacts facts = facts(order);
        assertThat(facts.dispatchedDepartment()).isEqualTo(DEPT);
        assertThat(facts.acknowledgedOnTime()).as("judged on the latest dispatch's deadline").isTrue();
    }

    @Test
    void anOrderNotSignedForIsLateOnItsSignForDeadlineThenOnItsResolutionDeadline() {
        OrderFacts facts = facts(dispatched(DEPT));

        assertThat(facts.lateness(T0.plus(SIGN_FOR))).as("at the deadline is not late").isEmpty();
        assertThat(facts.lateness(T0.plus(SIGN_FOR).plus(Duration.ofHours(2)))).hasValueSatisfying(late -> {
            assertThat(late.deadline()).isEqualTo(DeadlineKind.ACKNOWLEDGE);
            assertThat(late.due()).isEqualTo(T0.plus(SIGN_FOR));
            assertThat(late.by()).isEqualTo(Duration.ofHours(2));
        });
        assertThat(facts.lateness(T0.plus(RESOLVE).plus(Duration.ofDays(1))))
            .hasValueSatisfying(late -> assertThat(late.deadline()).isEqualTo(DeadlineKind.RESOLVE));
    }

    @Test
    void theMomentAnOrderIsLateFromAsStoredAgreesWithItsLatenessInEveryStatus() {
        Instant[] deadlines = { null, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)) };
        for (RequestStatus status : RequestStatus.values()) {
            for (Instant acknowledgeBy : deadlines) {
                for (Instant resolveBy : deadlines) {
                    OrderFacts facts = new OrderFacts(UUID.randomUUID(), "1", "t", Channel.HOTLINE, "other", "xingzhou",
                            Urgency.NORMAL, T0, status, DEPT, acknowledgeBy, resolveBy, null, null, List.of(), 0);
                    Instant lateFrom = WorkOrder.lateFrom(status, acknowledgeBy, resolveBy);
                    for (long minutes = 0; minutes <= 180; minutes += 30) {
                        Instant now = T0.plus(Duration.ofMinutes(minutes)).plusMillis(minutes % 60 == 0 ? 0 : 1);
                        assertThat(lateFrom != null && now.isAfter(lateFrom))
                            .as("%s, sign-for by %s, resolve by %s, at %s", status, acknowledgeBy, resolveBy, now)
                            .isEqualTo(facts.lateness(now).isPresent())
                            .isEqualTo(facts.overdue(now));
                    }
                }
            }
        }
    }

    @Test
    void aSignedForOrderIsLateOnlyOnItsResolutionDeadline() {
        OrderFacts facts = facts(acknowledged(DEPT));

        assertThat(facts.lateness(T0.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(facts.lateness(T0.plus(RESOLVE).plusSeconds(90))).hasValueSatisfying(late -> {
            assertThat(late.deadline()).isEqualTo(DeadlineKind.RESOLVE);
            assertThat(late.by()).isEqualTo(Duration.ofSeconds(90));
        });
    }

    @Test
    void anOrderInTriageHasNoDeadlineAndNoDepartment() {
        WorkOrder order = WorkOrder.receive(submitted("other", "xingzhou", Channel.HOTLINE, T0), T0);
        order.sendToTriage("no rule", T0);

        OrderFacts facts = facts(order);

        assertThat(facts.dispatched()).isFalse();
        assertThat(facts.dispatchedDepartment()).isNull();
        assertThat(facts.open()).isTrue();
        assertThat(facts.overdue(T0.plus(Duration.ofDays(60)))).isFalse();
    }

    static OrderFacts facts(WorkOrder order) {
        return OrderFacts.of(order.state());
    }

    static WorkOrder dispatched(String department) {
        return dispatched(department, "elderly-care", "xingzhou", Channel.LIVELIHOOD, T0);
    }

    static WorkOrder dispatched(String department, String category, String community, Channel channel, Instant at) {
        WorkOrder order = WorkOrder.receive(submitted(category, community, channel, at), at);
        order.dispatch(department, List.of(), new Deadlines(at.plus(SIGN_FOR), at.plus(RESOLVE)), null, "routing", false,
                at);
        return order;
    }

    static WorkOrder acknowledged(String department) {
        WorkOrder order = dispatched(department);
        order.acknowledge(department, "已签收", T0.plus(Duration.ofHours(1)));
        return order;
    }

    static RequestSubmitted submitted(String category, String community, Channel channel, Instant acceptedAt) {
        UUID id = UUID.randomUUID();
        return new RequestSubmitted(UUID.randomUUID(), id, String.format("%017d", Math.abs(id.getLeastSignificantBits() % 100_000_000_000_000_000L)),
                channel, "EXT-" + id, null, category, "独居老人需要助餐服务", "希望每天有人送餐。", Urgency.NORMAL,
                new Location(community, "星洲社区3幢", null, null), new Requester("张三", "13800138000"), acceptedAt);
    }
}
