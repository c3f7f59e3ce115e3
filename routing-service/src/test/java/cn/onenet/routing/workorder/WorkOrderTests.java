package cn.onenet.routing.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.ExtensionDecided;
import cn.onenet.contracts.requests.ExtensionRequested;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.MergedOriginalProgressed;
import cn.onenet.contracts.requests.RequestAcknowledged;
import cn.onenet.contracts.requests.RequestClosed;
import cn.onenet.contracts.requests.RequestDispatched;
import cn.onenet.contracts.requests.RequestLifecycleEvent;
import cn.onenet.contracts.requests.RequestMerged;
import cn.onenet.contracts.requests.RequestReceived;
import cn.onenet.contracts.requests.RequestRejected;
import cn.onenet.contracts.requests.RequestReopened;
import cn.onenet.contracts.requests.RequestResolved;
import cn.onenet.contracts.requests.RequestReturned;
import cn.onenet.contracts.requests.RequestStarted;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.routing.sla.Deadlines;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkOrderTests {

    static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    static final Deadlines DUE = new Deadlines(NOW.plus(Duration.ofHours(24)), NOW.plus(Duration.ofDays(7)));
    static final String DEPT = "civil-affairs";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final EscalationPolicy POLICY = new EscalationPolicy(0.8, Duration.ofHours(24), Duration.ofSeconds(30), true);

    /** Every step of the state machine, applied by the department the order is dispatched to. */
    static final Map<String, BiConsumer<WorkOrder, WorkOrder>> STEPS = Map.ofEntries(
            Map.entry("dispatch", (order, other) -> order.dispatch(DEPT, List.of(), DUE, null, "dispatcher", false, NOW)),
            Map.entry("acknowledge", (order, other) -> order.acknowledge(DEPT, "已签收", NOW)),
            Map.entry("start", (order, other) -> order.start(DEPT, null, NOW)),
            Map.entry("resolve", (order, other) -> order.resolve(DEPT, "已安排送餐", NOW)),
            Map.entry("return", (order, other) -> order.returnOrder(DEPT, "不属于本单位职责", NOW)),
            Map.entry("extend",
                    (order, other) -> order.requestExtension(DEPT, NOW.plus(Duration.ofDays(30)), "需协调", NOW, ZONE)),
            Map.entry("escalate", (order, other) -> {
                if (!order.escalate(POLICY, NOW.plus(Duration.ofDays(40)), ZONE)) {
                    throw new TransitionRefused("nothing to escalate", order.status());
                }
            }),
            Map.entry("satisfied", (order, other) -> order.recordFeedback(Satisfaction.SATISFIED, null, DUE, "callback", NOW)),
            Map.entry("dissatisfied", (order, other) -> order.recordFeedback(Satisfaction.DISSATISFIED, "没人来", DUE, "callback", NOW)),
            Map.entry("reject", (order, other) -> order.reject(RejectionReason.NOT_GOVERNMENT_MATTER, "非政府职能", "dispatcher", NOW)),
            Map.entry("merge", (order, other) -> order.mergeInto(other, "dispatcher", NOW)),
            Map.entry("transfer", (order, other) -> order.transfer("housing", List.of(), DUE, "属住建职责", "dispatcher", false, NOW)));

    /** From each status, the steps the machine allows and where they lead. */
    static final Map<RequestStatus, Map<String, RequestStatus>> ALLOWED = Map.ofEntries(
            Map.entry(RequestStatus.RECEIVED, Map.of("dispatch", RequestStatus.DISPATCHED, "reject", RequestStatus.REJECTED)),
            Map.entry(RequestStatus.TRIAGE, Map.of("dispatch", RequestStatus.DISPATCHED, "reject", RequestStatus.REJECTED,
                    "merge", RequestStatus.MERGED)),
            Map.entry(RequestStatus.DISPATCHED, Map.of("acknowledge", RequestStatus.ACKNOWLEDGED, "return",
                    RequestStatus.RETURNED, "reject", RequestStatus.REJECTED, "merge", RequestStatus.MERGED,
                    "escalate", RequestStatus.DISPATCHED, "transfer", RequestStatus.DISPATCHED)),
            Map.entry(RequestStatus.ACKNOWLEDGED, Map.of("start", RequestStatus.IN_PROGRESS, "resolve",
                    RequestStatus.RESOLVED, "return", RequestStatus.RETURNED, "extend", RequestStatus.ACKNOWLEDGED,
                    "escalate", RequestStatus.ACKNOWLEDGED, "transfer", RequestStatus.DISPATCHED)),
            Map.entry(RequestStatus.IN_PROGRESS, Map.of("resolve", RequestStatus.RESOLVED, "extend",
                    RequestStatus.IN_PROGRESS, "escalate", RequestStatus.IN_PROGRESS, "transfer", RequestStatus.DISPATCHED)),
            Map.entry(RequestStatus.RESOLVED, Map.of("satisfied", RequestStatus.CLOSED, "dissatisfied",
                    RequestStatus.REOPENED)),
            Map.entry(RequestStatus.REOPENED, Map.of("acknowledge", RequestStatus.ACKNOWLEDGED, "start",
                    RequestStatus.IN_PROGRESS, "resolve", RequestStatus.RESOLVED, "extend", RequestStatus.REOPENED,
                    "escalate", RequestStatus.REOPENED, "transfer", RequestStatus.DISPATCHED)),
            Map.entry(RequestStatus.RETURNED, Map.of("dispatch", RequestStatus.DISPATCHED, "reject",
                    RequestStatus.REJECTED, "merge", RequestStatus.MERGED)),
            Map.entry(RequestStatus.CLOSED, Map.of()),
            Map.entry(RequestStatus.REJECTED, Map.of()),
            Map.entry(RequestStatus.MERGED, Map.of()));

    static Stream<Arguments> everyStatusAndStep() {
        return ALLOWED.keySet().stream().flatMap(status -> STEPS.keySet().stream().map(step -> Arguments.of(status, step)));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStatusAndStep")
    void allowsExactlyTheTransitionsOfTheDesign(RequestStatus from, String step) {
        WorkOrder order = orderIn(from);
        WorkOrder original = orderIn(RequestStatus.DISPATCHED);
        RequestStatus expected = ALLOWED.get(from).get(step);
        int timelineBefore = order.state().timeline().size();
        if (expected == null) {
            WorkOrder.State before = order.state();
            assertThatThrownBy(() -> STEPS.get(step).accept(order, original))
                .isInstanceOfAny(TransitionRefused.class, NotAssignedDepartment.class, NoLongerAssigned.class);
            assertThat(order.state()).isEqualTo(before);
        }
        else {
            STEPS.get(step).accept(order, original);
            assertThat(order.status()).isEqualTo(expected);
            assertThat(order.state().timeline()).hasSizeGreaterThan(timelineBefore);
            List<RequestLifecycleEvent> events = order.pendingEvents();
            assertThat(events.get(events.size() - 1).sequence()).isEqualTo(order.state().timeline().size());
        }
    }

    @Test
    void aTransferHandsTheOrderToAnotherDepartmentWithFreshClocksAndTellsBoth() {
        WorkOrder order = orderIn(RequestStatus.IN_PROGRESS);
        order.requestExtension(DEPT, NOW.plus(Duration.ofDays(30)), "需协调", NOW, ZONE);
        Instant later = NOW.plus(Duration.ofDays(2));
        Deadlines fresh = new Deadlines(later.plus(Duration.ofHours(24)), later.plus(Duration.ofDays(7)));

        order.transfer("housing", List.of("wenxin-street"), fresh, "属住建职责", "dispatcher", false, later);

        assertThat(order.status()).isEqualTo(RequestStatus.DISPATCHED);
        assertThat(order.department()).isEqualTo("housing");
        assertThat(order.state().deadlines()).isEqualTo(fresh);
        assertThat(order.supervision().clockStartedAt()).isEqualTo(later);
        assertThat(order.supervision().extensionRequestedUntil()).as("the old department's request lapses").isNull();
        TimelineEntry last = order.state().timeline().get(order.state().timeline().size() - 1);
        assertThat(last.type()).isEqualTo(TimelineType.TRANSFERRED);
        assertThat(last.note()).isEqualTo("from civil-affairs: 属住建职责");
        List<RequestLifecycleEvent> events = order.pendingEvents();
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(RequestDispatched.class, dispatched -> {
            assertThat(dispatched.department()).isEqualTo("housing");
            assertThat(dispatched.transferredFrom()).isEqualTo(DEPT);
            assertThat(dispatched.coDepartments()).containsExactly("wenxin-street");
        });
        // the department it was taken from had it: a conflict with the order's state, not a question of permission
        assertThatThrownBy(() -> order.acknowledge(DEPT, null, later)).isInstanceOf(NoLongerAssigned.class)
            .hasMessageContaining("has left department " + DEPT).hasMessageContaining("DISPATCHED");
        assertThatThrownBy(() -> order.transfer("housing", List.of(), fresh, "again", "dispatcher", false, later))
            .isInstanceOf(TransitionRefused.class).hasMessageContaining("already with housing");
    }

    @Test
    void receivedAndDispatchedAreTheFirstTwoEventsInOrder() {
        WorkOrder order = WorkOrder.receive(submitted(), NOW);
        order.dispatch(DEPT, List.of(), DUE, null, "routing", false, NOW);

        assertThat(order.pendingEvents()).hasSize(2);
        assertThat(order.pendingEvents().get(0)).isInstanceOfSatisfying(RequestReceived.class,
                received -> assertThat(received.channel()).isEqualTo(Channel.LIVELIHOOD));
        assertThat(order.pendingEvents().get(1)).isInstanceOfSatisfying(RequestDispatched.class, dispatched -> {
            assertThat(dispatched.department()).isEqualTo(DEPT);
            assertThat(dispatched.resolveBy()).isEqualTo(DUE.resolveBy());
            assertThat(dispatched.sequence()).isEqualTo(2);
        });
        assertThat(order.state().deadlines()).isEqualTo(DUE);
    }

    @Test
    void onlyTheAssignedDepartmentMayReport() {
        WorkOrder order = orderIn(RequestStatus.DISPATCHED);

        assertThatThrownBy(() -> order.acknowledge("urban-management", null, NOW))
            .isInstanceOf(NotAssignedDepartment.class)
            .hasMessageContaining("urban-management");
        assertThat(order.status()).isEqualTo(RequestStatus.DISPATCHED);
    }

    @Test
    void aReturnedOrderBelongsToNoDepartmentUntilDispatchedAgain() {
        WorkOrder order = orderIn(RequestStatus.RETURNED);

        assertThat(order.department()).isNull();
        assertThatThrownBy(() -> order.acknowledge(DEPT, null, NOW)).isInstanceOf(NoLongerAssigned.class)
            .hasMessageContaining("it is RETURNED now");
        assertThatThrownBy(() -> order.acknowledge("housing", null, NOW)).isInstanceOf(NotAssignedDepartment.class);
    }

    @Test
    void satisfiedCallbackClosesAndDissatisfiedReopensWithTheSameDepartment() {
        WorkOrder closed = orderIn(RequestStatus.RESOLVED);
        closed.recordFeedback(Satisfaction.BASICALLY_SATISFIED, "还行", DUE, "callback", NOW);
        assertThat(closed.status()).isEqualTo(RequestStatus.CLOSED);
        assertThat(last(closed)).isInstanceOf(RequestClosed.class);

        WorkOrder reopened = orderIn(RequestStatus.RESOLVED);
        reopened.recordFeedback(Satisfaction.DISSATISFIED, "没解决", DUE, "callback", NOW);
        assertThat(reopened.status()).isEqualTo(RequestStatus.REOPENED);
        assertThat(reopened.department()).isEqualTo(DEPT);
        assertThat(last(reopened)).isInstanceOfSatisfying(RequestReopened.class, event -> {
            assertThat(event.department()).isEqualTo(DEPT);
            assertThat(event.acknowledgeBy()).as("the fresh deadlines, told").isEqualTo(DUE.acknowledgeBy());
            assertThat(event.resolveBy()).isEqualTo(DUE.resolveBy());
            assertThat(event.coDepartments()).isEqualTo(reopened.state().coDepartments());
        });
        reopened.acknowledge(DEPT, "重新签收", NOW);
        assertThat(last(reopened)).isInstanceOf(RequestAcknowledged.class);
    }

    @Test
    void aDispatchersFinalRulingCantBeReturned() {
        WorkOrder order = orderIn(RequestStatus.RETURNED);
        order.dispatch("urban-management", List.of("xingzhou-committee"), DUE, "职责明确", "dispatcher", true, NOW);

        assertThatThrownBy(() -> order.returnOrder("urban-management", "不是我们的", NOW))
            .isInstanceOf(TransitionRefused.class)
            .hasMessageContaining("终审");
        assertThat(order.status()).isEqualTo(RequestStatus.DISPATCHED);
        assertThat(order.state().coDepartments()).containsExactly("xingzhou-committee");
        assertThat(order.returnedBy()).containsExactly(DEPT);
    }

    @Test
    void aLateOrderClimbsTheLadderOneLevelAtATimeAndEachLevelOnce() {
        WorkOrder order = orderIn(RequestStatus.DISPATCHED);
        Instant due = DUE.acknowledgeBy();

        assertThat(order.escalate(POLICY, NOW.plus(Duration.ofHours(10)), ZONE)).isFalse();
        assertThat(order.escalate(POLICY, NOW.plus(Duration.ofHours(20)), ZONE)).isTrue();
        assertThat(order.escalate(POLICY, NOW.plus(Duration.ofHours(21)), ZONE)).isFalse();
        assertThat(order.escalate(POLICY, due.plusSeconds(60), ZONE)).isTrue();
        assertThat(order.escalate(POLICY, due.plus(Duration.ofHours(25)), ZONE)).isTrue();
        assertThat(order.escalate(POLICY, due.plus(Duration.ofHours(73)), ZONE)).isTrue();
        assertThat(order.escalate(POLICY, due.plus(Duration.ofHours(200)), ZONE)).isFalse();

        assertThat(escalations(order)).containsExactly("WARNING", "REMINDER", "SUPERVISION", "RAISED");
        assertThat(order.supervision().level()).isEqualTo(EscalationLevel.RAISED);
        assertThat(order.state().timeline()).filteredOn(entry -> entry.type() == TimelineType.ESCALATED)
            .extracting(TimelineEntry::note).first().asString()
            .isEqualTo("预警 WARNING: sign-for due " + OffsetDateTime.ofInstant(due, ZONE).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
            .as("in the SLA's zone, as the deadlines are shown").endsWith("+08:00");
    }

    @Test
    void aScanThatComesLateStillRecordsEveryLevelPassed() {
        WorkOrder order = orderIn(RequestStatus.DISPATCHED);

        order.escalate(POLICY, DUE.acknowledgeBy().plus(Duration.ofHours(30)), ZONE);

        assertThat(escalations(order)).containsExactly("WARNING", "REMINDER", "SUPERVISION");
    }

    @Test
    void signingForStartsTheResolutionClockFromTheBottomOfTheLadder() {
        WorkOrder order = orderIn(RequestStatus.DISPATCHED);
        order.escalate(POLICY, DUE.acknowledgeBy().plusSeconds(1), ZONE);
        order.acknowledge(DEPT, null, DUE.acknowledgeBy().plusSeconds(2));

        assertThat(order.escalate(POLICY, DUE.acknowledgeBy().plusSeconds(3), ZONE)).isFalse();
        assertThat(order.escalate(POLICY, DUE.resolveBy().plusSeconds(1), ZONE)).isTrue();
        assertThat(last(order)).isInstanceOfSatisfying(cn.onenet.contracts.requests.RequestEscalated.class, event -> {
            assertThat(event.deadline()).isEqualTo("RESOLVE");
            assertThat(event.level()).isEqualTo("REMINDER");
        });
    }

    @Test
    void anApprovedExtensionMovesTheDeadlineAndARefusedOneLeavesIt() {
        Instant until = DUE.resolveBy().plus(Duration.ofDays(10));
        WorkOrder approved = orderIn(RequestStatus.IN_PROGRESS);
        approved.requestExtension(DEPT, until, "需跨部门协调", NOW, ZONE);
        assertThatThrownBy(() -> approved.requestExtension(DEPT, until.plusSeconds(1), "again", NOW, ZONE))
            .isInstanceOf(TransitionRefused.class).hasMessageContaining("already waiting");
        approved.decideExtension(true, "同意", "supervisor", NOW, ZONE);
        assertThat(approved.state().deadlines().resolveBy()).isEqualTo(until);
        assertThat(approved.supervision().extensionRequestedUntil()).isNull();

        WorkOrder refused = orderIn(RequestStatus.IN_PROGRESS);
        refused.requestExtension(DEPT, until, "需跨部门协调", NOW, ZONE);
        refused.decideExtension(false, "理由不足", "supervisor", NOW, ZONE);
        assertThat(refused.state().deadlines()).isEqualTo(DUE);
        assertThatThrownBy(() -> refused.decideExtension(true, null, "supervisor", NOW, ZONE))
            .isInstanceOf(TransitionRefused.class).hasMessageContaining("no extension request");
    }

    /** What supervisors are shown: the clock that runs now, not the one stored at the last reset or escalation. */
    @Test
    void supervisionShowsTheClockThatRunsAsTheOrderStands() {
        WorkOrder order = orderIn(RequestStatus.DISPATCHED);
        order.escalate(POLICY, DUE.acknowledgeBy().plusSeconds(1), ZONE);
        assertThat(order.state().supervisionNow().kind()).isEqualTo(DeadlineKind.ACKNOWLEDGE);
        assertThat(order.state().supervisionNow().level()).isEqualTo(EscalationLevel.REMINDER);

        order.acknowledge(DEPT, null, DUE.acknowledgeBy().plusSeconds(2));
        order.requestExtension(DEPT, DUE.resolveBy().plus(Duration.ofDays(3)), "需协调", DUE.acknowledgeBy(), ZONE);
        assertThat(order.state().supervisionNow().kind()).isEqualTo(DeadlineKind.RESOLVE);
        assertThat(order.state().supervisionNow().level()).isEqualTo(EscalationLevel.NONE);
        assertThat(order.state().supervisionNow().extensionRequestedUntil()).isNotNull();

        order.resolve(DEPT, "已处理", DUE.acknowledgeBy().plusSeconds(3));
        assertThat(order.state().supervisionNow()).isEqualTo(new Supervision(null, null, EscalationLevel.NONE, null));
        order.recordFeedback(Satisfaction.DISSATISFIED, "没解决", DUE, "callback", DUE.acknowledgeBy().plusSeconds(4));
        assertThat(order.state().supervisionNow().kind()).isEqualTo(DeadlineKind.RESOLVE);
        assertThat(orderIn(RequestStatus.CLOSED).state().supervisionNow().kind()).isNull();
        assertThat(orderIn(RequestStatus.RETURNED).state().supervisionNow().kind()).isNull();
    }

    private static List<String> escalations(WorkOrder order) {
        return order.pendingEvents().stream()
            .filter(cn.onenet.contracts.requests.RequestEscalated.class::isInstance)
            .map(event -> ((cn.onenet.contracts.requests.RequestEscalated) event).level())
            .toList();
    }

    @Test
    void aMergedDuplicateFollowsEachOutcomeOfItsOriginalOnce() {
        WorkOrder original = orderIn(RequestStatus.DISPATCHED);
        WorkOrder duplicate = orderIn(RequestStatus.TRIAGE);
        duplicate.mergeInto(original, "dispatcher", NOW);

        assertThat(duplicate.followOriginal(original.id(), "event-1", "RESOLVED", "已处理", NOW)).isTrue();
        assertThat(duplicate.followOriginal(original.id(), "event-1", "RESOLVED", "已处理", NOW)).isFalse();
        assertThat(duplicate.followOriginal(UUID.randomUUID(), "event-2", "CLOSED", null, NOW)).isFalse();
        assertThat(duplicate.status()).isEqualTo(RequestStatus.MERGED);
        assertThat(duplicate.state().timeline()).filteredOn(entry -> entry.type() == TimelineType.ORIGINAL_PROGRESSED)
            .singleElement().extracting(TimelineEntry::note).isEqualTo("original RESOLVED: 已处理");
    }

    /** Merged into an order resolved already, the duplicate hears at once what was done, not only the callback. */
    @Test
    void aDuplicateMergedIntoAResolvedOrderHearsTheResolutionAtOnce() {
        WorkOrder original = orderIn(RequestStatus.RESOLVED);
        WorkOrder duplicate = orderIn(RequestStatus.TRIAGE);

        duplicate.mergeInto(original, "dispatcher", NOW);

        assertThat(duplicate.state().timeline()).filteredOn(entry -> entry.type() == TimelineType.ORIGINAL_PROGRESSED)
            .singleElement().extracting(TimelineEntry::note).isEqualTo("original RESOLVED: done");
        assertThat(last(duplicate)).isInstanceOfSatisfying(MergedOriginalProgressed.class, event -> {
            assertThat(event.originalId()).isEqualTo(original.id());
            assertThat(event.note()).isEqualTo("done");
        });
        // its resolution read after the merge (a race) is not heard twice
        assertThat(duplicate.followOriginal(original.id(), "event-1", "RESOLVED", "done", NOW)).isFalse();
        assertThat(duplicate.followOriginal(original.id(), "event-2", "CLOSED", null, NOW)).isTrue();
        WorkOrder another = orderIn(RequestStatus.TRIAGE);
        another.mergeInto(orderIn(RequestStatus.IN_PROGRESS), "dispatcher", NOW);
        assertThat(another.state().timeline()).noneMatch(entry -> entry.type() == TimelineType.ORIGINAL_PROGRESSED);
    }

    /** A step that takes the order from departments names each of them, so their feeds tell them. */
    @Test
    void eachStepThatTakesTheOrderFromDepartmentsNamesThem() {
        List<String> assisting = List.of("housing", "party-affairs");
        WorkOrder transferred = dispatchedWith(assisting);
        transferred.transfer("urban-management", List.of("housing"), DUE, "属城管职责", "dispatcher", false, NOW);
        assertThat(last(transferred)).isInstanceOfSatisfying(RequestDispatched.class, event -> {
            assertThat(event.transferredFrom()).isEqualTo(DEPT);
            assertThat(event.releasedDepartments()).containsExactly(DEPT, "party-affairs");
        });

        WorkOrder returned = dispatchedWith(assisting);
        returned.returnOrder(DEPT, "不属于本单位职责", NOW);
        assertThat(last(returned)).isInstanceOfSatisfying(RequestReturned.class,
                event -> assertThat(event.releasedDepartments()).containsExactly("housing", "party-affairs"));

        WorkOrder rejected = dispatchedWith(assisting);
        rejected.reject(RejectionReason.OTHER, "非政府职能", "dispatcher", NOW);
        assertThat(last(rejected)).isInstanceOfSatisfying(RequestRejected.class,
                event -> assertThat(event.releasedDepartments()).containsExactly(DEPT, "housing", "party-affairs"));
        assertThat(rejected.state().coDepartments()).isEmpty();

        WorkOrder merged = dispatchedWith(assisting);
        merged.mergeInto(orderIn(RequestStatus.DISPATCHED), "dispatcher", NOW);
        assertThat(last(merged)).isInstanceOfSatisfying(RequestMerged.class,
                event -> assertThat(event.releasedDepartments()).containsExactly(DEPT, "housing", "party-affairs"));

        WorkOrder triaged = orderIn(RequestStatus.TRIAGE);
        triaged.reject(RejectionReason.OTHER, "重复来电", "dispatcher", NOW);
        assertThat(last(triaged)).isInstanceOfSatisfying(RequestRejected.class,
                event -> assertThat(event.releasedDepartments()).isEmpty());
    }

    private static WorkOrder dispatchedWith(List<String> assisting) {
        WorkOrder order = WorkOrder.receive(submitted(), NOW);
        order.dispatch(DEPT, assisting, DUE, null, "routing", false, NOW);
        return order;
    }

    @Test
    void similarChineseTextScoresHighAndDifferentTextLow() {
        double similar = DuplicateFinder.similarity(DuplicateFinder.bigrams("广场舞噪音扰民，每晚十点后音响很大"),
                DuplicateFinder.bigrams("每晚十点后广场舞音响太大 噪音扰民"));
        double different = DuplicateFinder.similarity(DuplicateFinder.bigrams("广场舞噪音扰民，每晚十点后音响很大"),
                DuplicateFinder.bigrams("小区门口井盖缺失，有安全隐患"));

        assertThat(similar).isGreaterThanOrEqualTo(0.5);
        assertThat(different).isLessThan(0.1);
    }

    @Test
    void theIndexsPackedBigramsScoreExactlyAsTheTextDoes() {
        List<String> texts = List.of("广场舞噪音扰民，每晚十点后音响很大", "每晚十点后广场舞音响太大 噪音扰民",
                "小区门口井盖缺失，有安全隐患", "Streetlight broken at gate 3 — 路灯坏了", "哈哈哈哈哈", "𠀀𠀁𠀀𠀁 rare", "", "a");
        for (String a : texts) {
            for (String b : texts) {
                assertThat(DuplicateFinder.similarity(DuplicateFinder.packedBigrams(a), DuplicateFinder.packedBigrams(b)))
                    .as(a + " / " + b)
                    .isEqualTo(DuplicateFinder.similarity(DuplicateFinder.bigrams(a), DuplicateFinder.bigrams(b)));
            }
        }
    }

    @Test
    void refusesToMergeIntoItselfOrIntoAFinishedOrder() {
        WorkOrder order = orderIn(RequestStatus.TRIAGE);
        assertThatThrownBy(() -> order.mergeInto(order, "dispatcher", NOW)).isInstanceOf(TransitionRefused.class);
        assertThatThrownBy(() -> order.mergeInto(orderIn(RequestStatus.CLOSED), "dispatcher", NOW))
            .isInstanceOf(TransitionRefused.class)
            .hasMessageContaining("open");
        assertThat(order.status()).isEqualTo(RequestStatus.TRIAGE);
    }

    @Test
    void refusesAnExtensionThatEndsBeforeTheCurrentDeadline() {
        WorkOrder order = orderIn(RequestStatus.ACKNOWLEDGED);
        assertThatThrownBy(() -> order.requestExtension(DEPT, DUE.resolveBy().minusSeconds(1), "x", NOW, ZONE))
            .isInstanceOf(TransitionRefused.class);
    }

    @Test
    void aRestoredOrderKeepsItsStateAndStartsWithNoPendingEvents() {
        WorkOrder order = orderIn(RequestStatus.IN_PROGRESS);
        WorkOrder restored = WorkOrder.restore(order.state());

        assertThat(restored.state()).isEqualTo(order.state());
        assertThat(restored.pendingEvents()).isEmpty();
    }

    /** What a caller typed into a note, with a phone and an ID number in it, and what everyone is shown of it. */
    static final String TYPED = "电话13912345678，身份证11010519491231002X";
    static final String MASKED = "电话139****5678，身份证110***********002X";

    @Test
    void numbersADepartmentTypesIntoItsReportsAreMaskedInTheTimelineAndTheEvents() {
        WorkOrder order = orderIn(RequestStatus.DISPATCHED);
        Instant until = DUE.resolveBy().plus(Duration.ofDays(10));

        order.acknowledge(DEPT, TYPED, NOW);
        assertThat(lastEntry(order).note()).isEqualTo(MASKED);
        assertThat(last(order)).isInstanceOfSatisfying(RequestAcknowledged.class,
                event -> assertThat(event.note()).isEqualTo(MASKED));
        order.start(DEPT, TYPED, NOW);
        assertThat(lastEntry(order).note()).isEqualTo(MASKED);
        assertThat(last(order)).isInstanceOfSatisfying(RequestStarted.class,
                event -> assertThat(event.note()).isEqualTo(MASKED));
        order.requestExtension(DEPT, until, TYPED, NOW, ZONE);
        assertThat(lastEntry(order).note()).isEqualTo(MASKED + " (until " + TimelineNotes.local(until, ZONE) + ")");
        assertThat(last(order)).isInstanceOfSatisfying(ExtensionRequested.class,
                event -> assertThat(event.reason()).isEqualTo(MASKED));
        order.resolve(DEPT, TYPED, NOW);
        assertThat(lastEntry(order).note()).isEqualTo(MASKED);
        assertThat(last(order)).isInstanceOfSatisfying(RequestResolved.class,
                event -> assertThat(event.note()).isEqualTo(MASKED));

        WorkOrder returned = orderIn(RequestStatus.DISPATCHED);
        returned.returnOrder(DEPT, TYPED, NOW);
        assertThat(lastEntry(returned).note()).isEqualTo(MASKED);
        assertThat(last(returned)).isInstanceOfSatisfying(RequestReturned.class,
                event -> assertThat(event.reason()).isEqualTo(MASKED));
        assertThat(order.state() + " " + order.pendingEvents() + returned.state() + returned.pendingEvents())
            .doesNotContain("13912345678", "11010519491231002X");
    }

    @Test
    void numbersTypedIntoACallbackCommentAreMaskedInTheTimelineAndTheEvents() {
        WorkOrder closed = orderIn(RequestStatus.RESOLVED);
        closed.recordFeedback(Satisfaction.SATISFIED, "我的电话13800138000谢谢", DUE, "callback", NOW);
        assertThat(lastEntry(closed).note()).isEqualTo("SATISFIED: 我的电话138****8000谢谢");
        assertThat(last(closed)).isInstanceOfSatisfying(RequestClosed.class,
                event -> assertThat(event.comment()).isEqualTo("我的电话138****8000谢谢"));

        WorkOrder reopened = orderIn(RequestStatus.RESOLVED);
        reopened.recordFeedback(Satisfaction.DISSATISFIED, TYPED, DUE, "callback", NOW);
        assertThat(lastEntry(reopened).note()).isEqualTo("DISSATISFIED: " + MASKED);
        assertThat(last(reopened)).isInstanceOfSatisfying(RequestReopened.class,
                event -> assertThat(event.comment()).isEqualTo(MASKED));
    }

    @Test
    void numbersTypedIntoADispatchersOrASupervisorsStepsAreMaskedInTheTimelineAndTheEvents() {
        WorkOrder dispatched = orderIn(RequestStatus.TRIAGE);
        dispatched.dispatch(DEPT, List.of(), DUE, TYPED, "dispatcher", true, NOW);
        assertThat(lastEntry(dispatched).note()).isEqualTo("终审 final ruling: " + MASKED);
        assertThat(last(dispatched)).isInstanceOfSatisfying(RequestDispatched.class,
                event -> assertThat(event.note()).isEqualTo(MASKED));

        WorkOrder transferred = orderIn(RequestStatus.ACKNOWLEDGED);
        transferred.transfer("housing", List.of(), DUE, TYPED, "dispatcher", false, NOW);
        assertThat(lastEntry(transferred).note()).isEqualTo("from civil-affairs: " + MASKED);
        assertThat(last(transferred)).isInstanceOfSatisfying(RequestDispatched.class,
                event -> assertThat(event.note()).isEqualTo(MASKED));

        WorkOrder rejected = orderIn(RequestStatus.TRIAGE);
        rejected.reject(RejectionReason.NOT_GOVERNMENT_MATTER, TYPED, "dispatcher", NOW);
        assertThat(lastEntry(rejected).note()).isEqualTo("[NOT_GOVERNMENT_MATTER] " + MASKED);
        assertThat(last(rejected)).isInstanceOfSatisfying(RequestRejected.class,
                event -> assertThat(event.reason()).isEqualTo(MASKED));

        WorkOrder extended = orderIn(RequestStatus.IN_PROGRESS);
        Instant until = DUE.resolveBy().plus(Duration.ofDays(10));
        extended.requestExtension(DEPT, until, "需协调", NOW, ZONE);
        extended.decideExtension(true, TYPED, "supervisor", NOW, ZONE);
        assertThat(lastEntry(extended).note())
            .isEqualTo("approved until " + TimelineNotes.local(until, ZONE) + " — " + MASKED);
        assertThat(last(extended)).isInstanceOfSatisfying(ExtensionDecided.class,
                event -> assertThat(event.note()).isEqualTo(MASKED));
    }

    private static TimelineEntry lastEntry(WorkOrder order) {
        List<TimelineEntry> timeline = order.state().timeline();
        return timeline.get(timeline.size() - 1);
    }

    private static RequestLifecycleEvent last(WorkOrder order) {
        List<RequestLifecycleEvent> events = order.pendingEvents();
        return events.get(events.size() - 1);
    }

    /** An order brought to {@code status} through the steps a real order takes. */
    static WorkOrder orderIn(RequestStatus status) {
        WorkOrder order = WorkOrder.receive(submitted(), NOW);
        Set<RequestStatus> viaDispatch = EnumSet.complementOf(EnumSet.of(RequestStatus.RECEIVED, RequestStatus.TRIAGE));
        if (status == RequestStatus.TRIAGE) {
            order.sendToTriage("no rule", NOW);
        }
        if (viaDispatch.contains(status)) {
            order.dispatch(DEPT, List.of(), DUE, null, "routing", false, NOW);
        }
        switch (status) {
            case ACKNOWLEDGED -> order.acknowledge(DEPT, null, NOW);
            case IN_PROGRESS -> {
                order.acknowledge(DEPT, null, NOW);
                order.start(DEPT, null, NOW);
            }
            case RESOLVED, CLOSED, REOPENED -> {
                order.acknowledge(DEPT, null, NOW);
                order.resolve(DEPT, "done", NOW);
                if (status == RequestStatus.CLOSED) {
                    order.recordFeedback(Satisfaction.SATISFIED, null, DUE, "callback", NOW);
                }
                if (status == RequestStatus.REOPENED) {
                    order.recordFeedback(Satisfaction.DISSATISFIED, null, DUE, "callback", NOW);
                }
            }
            case RETURNED -> order.returnOrder(DEPT, "not ours", NOW);
            case REJECTED -> order.reject(RejectionReason.ABUSIVE, "abusive", "dispatcher", NOW);
            case MERGED -> order.mergeInto(WorkOrder.receive(submitted(), NOW), "dispatcher", NOW);
            default -> {
            }
        }
        assertThat(order.status()).isEqualTo(status);
        return order;
    }

    static RequestSubmitted submitted() {
        UUID id = UUID.randomUUID();
        return new RequestSubmitted(UUID.randomUUID(), id, "1234567890123452", Channel.LIVELIHOOD, "MS-1", null,
                "elderly-care", "独居老人需要助餐服务", "希望每天有人送餐", Urgency.NORMAL,
                new Location("xingzhou", "星洲社区3幢", null, null), new Requester("张三", "13800138000"), NOW);
    }
}
