package cn.onenet.routing.stats;

import static cn.onenet.routing.stats.OrderFactsTests.DEPT;
import static cn.onenet.routing.stats.OrderFactsTests.SIGN_FOR;
import static cn.onenet.routing.stats.OrderFactsTests.T0;
import static cn.onenet.routing.stats.OrderFactsTests.dispatched;
import static cn.onenet.routing.stats.OrderFactsTests.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.routing.workorder.DeadlineKind;
import cn.onenet.routing.workorder.RejectionReason;
import cn.onenet.routing.workorder.WorkOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The summary's rows and rates, the overdue list and the backlog, over a handful of hand-built orders. */
class StatsServiceTests {

    static final Instant NOW = T0.plus(Duration.ofDays(10));
    static final ReportWindow WINDOW = new ReportWindow(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)));

    final List<OrderFacts> orders = new ArrayList<>();
    final StatsService stats = new StatsService(new InMemoryOrders(orders), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void countsEachDefinitionAndDividesForTheRates() {
        WorkOrder onTime = dispatched(DEPT);
        onTime.acknowledge(DEPT, null, T0.plus(Duration.ofHours(1)));
        onTime.resolve(DEPT, "已处理", T0.plus(Duration.ofDays(2)));
        onTime.recordFeedback(Satisfaction.SATISFIED, null, null, "callback", T0.plus(Duration.ofDays(3)));
        WorkOrder lateSignFor = dispatched(DEPT);
        lateSignFor.acknowledge(DEPT, null, T0.plus(SIGN_FOR).plus(Duration.ofHours(1)));
        lateSignFor.resolve(DEPT, "已处理", T0.plus(Duration.ofDays(1)));
        lateSignFor.recordFeedback(Satisfaction.DISSATISFIED, null, null, "callback", T0.plus(Duration.ofDays(2)));
        WorkOrder neverSignedFor = dispatched(DEPT);
        WorkOrder rejected = dispatched(DEPT);
        rejected.reject(RejectionReason.NOT_GOVERNMENT_MATTER, "非政府职能", "dispatcher", T0.plusSeconds(60));
        add(onTime, lateSignFor, neverSignedFor, rejected);

        Summary summary = stats.summary(WINDOW, GroupBy.DEPARTMENT);

        assertThat(summary.rows()).singleElement().satisfies(row -> {
            assertThat(row.key()).isEqualTo(DEPT);
            assertThat(row.received()).isEqualTo(4);
            assertThat(row.rejected()).isEqualTo(1);
            assertThat(row.merged()).isZero();
            assertThat(row.dispatched()).isEqualTo(3);
            assertThat(row.acknowledgedOnTime()).isEqualTo(1);
            assertThat(row.resolved()).as("the reopened order is not resolved").isEqualTo(1);
            assertThat(row.resolvedOnTime()).isEqualTo(1);
            assertThat(row.closed()).isEqualTo(1);
            assertThat(row.callbacks()).isEqualTo(2);
            assertThat(row.satisfied()).isEqualTo(1);
            assertThat(row.overdue()).as("the one never signed for; the reopened one has no deadlines here").isEqualTo(1);
            assertThat(row.responseRate()).isEqualByComparingTo("0.3333").hasScaleOf(4);
            assertThat(row.resolutionRate()).isEqualTo(new BigDecimal("0.3333"));
            assertThat(row.satisfactionRate()).isEqualTo(new BigDecimal("0.5000"));
        });
        assertThat(summary.total()).usingRecursiveComparison().ignoringFields("key").isEqualTo(summary.rows().get(0));
        assertThat(summary.total().key()).isNull();
        assertThat(summary.asOf()).isEqualTo(NOW);
    }

    @Test
    void ratesAreNullWhenNothingIsInTheirDenominator() {
        WorkOrder rejected = dispatched(DEPT);
        rejected.reject(RejectionReason.ABUSIVE, "辱骂", "dispatcher", T0.plusSeconds(60));
        add(rejected);

        SummaryRow total = stats.summary(WINDOW, GroupBy.DEPARTMENT).total();

        assertThat(total.received()).isEqualTo(1);
        assertThat(total.dispatched()).isZero();
        assertThat(total.responseRate()).isNull();
        assertThat(total.resolutionRate()).isNull();
        assertThat(total.satisfactionRate()).isNull();
    }

    @Test
    void groupsByEachDimensionWithOrdersWithoutAKeyLast() {
        add(dispatched("urban-management", "noise", "hupan", Channel.HOTLINE, T0),
                dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, T0),
                dispatched(DEPT, "elderly-care", "hupan", Channel.LIVELIHOOD, T0));
        WorkOrder triage = WorkOrder.receive(OrderFactsTests.submitted("other", "dejia", Channel.HOTLINE, T0), T0);
        triage.sendToTriage("no rule", T0);
        add(triage);

        assertThat(stats.summary(WINDOW, GroupBy.DEPARTMENT).rows())
            .extracting(SummaryRow::key, SummaryRow::received)
            .containsExactly(tuple(DEPT, 2L),
                    tuple("urban-management", 1L),
                    tuple(null, 1L));
        assertThat(stats.summary(WINDOW, GroupBy.CHANNEL).rows()).extracting(SummaryRow::key)
            .containsExactly("HOTLINE", "LIVELIHOOD");
        assertThat(stats.summary(WINDOW, GroupBy.CATEGORY).rows()).extracting(SummaryRow::key)
            .containsExactly("elderly-care", "noise", "other");
        assertThat(stats.summary(WINDOW, GroupBy.COMMUNITY).rows()).extracting(SummaryRow::key, SummaryRow::received)
            .containsExactly(tuple("dejia", 1L),
                    tuple("hupan", 2L),
                    tuple("xingzhou", 1L));
    }

    @Test
    void countsOnlyOrdersAcceptedInTheWindowFromInclusiveToExclusive() {
        add(dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, WINDOW.from()),
                dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, WINDOW.to()),
                dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, WINDOW.from().minusMillis(1)));

        assertThat(stats.summary(WINDOW, GroupBy.DEPARTMENT).total().received()).isEqualTo(1);
    }

    @Test
    void listsOverdueOrdersMostOverdueFirstAndPages() {
        WorkOrder signForLate = dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, NOW.minus(Duration.ofHours(6)));
        WorkOrder longLate = dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, NOW.minus(Duration.ofDays(8)));
        WorkOrder otherDepartment = dispatched("housing", "housing-repair", "hupan", Channel.LIVELIHOOD, NOW.minus(Duration.ofDays(7)));
        WorkOrder notLate = dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, NOW.minus(Duration.ofHours(1)));
        add(signForLate, longLate, otherDepartment, notLate);

        OverdueOrder.Page all = stats.overdue(null, null, 0, 10);
        assertThat(all.totalElements()).isEqualTo(3);
        assertThat(all.content()).extracting(overdue -> overdue.order().id())
            .containsExactly(longLate.id(), otherDepartment.id(), signForLate.id());
        assertThat(all.content().get(0).lateness().deadline()).isEqualTo(DeadlineKind.RESOLVE);
        assertThat(all.content().get(0).lateness().by()).isEqualTo(Duration.ofDays(3));
        assertThat(all.content().get(2).lateness().deadline()).isEqualTo(DeadlineKind.ACKNOWLEDGE);
        assertThat(all.content().get(2).lateness().by()).isEqualTo(Duration.ofHours(2));

        OverdueOrder.Page second = stats.overdue(DEPT, null, 1, 1);
        assertThat(second.totalElements()).isEqualTo(2);
        assertThat(second.content()).extracting(overdue -> overdue.order().id()).containsExactly(signForLate.id());
        assertThat(stats.overdue(DEPT, null, 5, 10).content()).isEmpty();
    }

    @Test
    void theBacklogCountsOpenOrdersByDepartmentStatusAndAge() {
        WorkOrder fresh = dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, NOW.minus(Duration.ofHours(2)));
        WorkOrder twoDays = dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, NOW.minus(Duration.ofDays(2)));
        twoDays.acknowledge(DEPT, null, NOW.minus(Duration.ofDays(2)).plusSeconds(60));
        WorkOrder exactlySevenDays = dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, NOW.minus(Duration.ofDays(7)));
        WorkOrder closed = dispatched(DEPT, "elderly-care", "xingzhou", Channel.LIVELIHOOD, NOW.minus(Duration.ofDays(4)));
        closed.acknowledge(DEPT, null, NOW.minus(Duration.ofDays(4)));
        closed.resolve(DEPT, "已处理", NOW.minus(Duration.ofDays(3)));
        closed.recordFeedback(Satisfaction.SATISFIED, null, null, "callback", NOW.minus(Duration.ofDays(2)));
        WorkOrder triage = WorkOrder.receive(OrderFactsTests.submitted("other", "dejia", Channel.HOTLINE, NOW.minus(Duration.ofDays(4))),
                NOW.minus(Duration.ofDays(4)));
        triage.sendToTriage("no rule", NOW.minus(Duration.ofDays(4)));
        add(fresh, twoDays, exactlySevenDays, closed, triage);

        Backlog backlog = stats.backlog();

        assertThat(backlog.rows()).extracting(Backlog.Row::department).containsExactly(DEPT, null);
        Backlog.Row department = backlog.rows().get(0);
        assertThat(department.open()).isEqualTo(3);
        assertThat(department.byStatus()).containsEntry(RequestStatus.DISPATCHED, 2L)
            .containsEntry(RequestStatus.ACKNOWLEDGED, 1L)
            .containsEntry(RequestStatus.RESOLVED, 0L)
            .doesNotContainKey(RequestStatus.CLOSED);
        assertThat(department.ageing()).isEqualTo(new Backlog.Ageing(1, 1, 0, 1));
        assertThat(department.overdue()).as("the seven-day-old one").isEqualTo(1);
        assertThat(backlog.rows().get(1).byStatus()).containsEntry(RequestStatus.TRIAGE, 1L);
        assertThat(backlog.rows().get(1).ageing()).isEqualTo(new Backlog.Ageing(0, 0, 1, 0));
        assertThat(backlog.total().open()).isEqualTo(4);
    }

    private void add(WorkOrder... workOrders) {
        for (WorkOrder order : workOrders) {
            orders.add(facts(order));
        }
    }

    /** The read model's contract, over a list: the service does its own filtering on top. */
    record InMemoryOrders(List<OrderFacts> orders) implements StatsReadModel {

        @Override
        public void acceptedIn(ReportWindow window, Consumer<OrderFacts> sink) {
            orders.stream().filter(order -> window.contains(order.acceptedAt())).forEach(sink);
        }

        @Override
        public void pastADeadline(String department, Instant now, Consumer<OrderFacts> sink) {
            orders.forEach(sink);
        }

        @Override
        public void pastADeadlineAcceptedIn(ReportWindow window, Instant now, Consumer<OrderFacts> sink) {
            orders.forEach(sink);
        }

        @Override
        public void open(Consumer<OrderFacts> sink) {
            orders.forEach(sink);
        }
    }
}
