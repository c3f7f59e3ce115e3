package cn.onenet.routing.workorder.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.security.Role;
import cn.onenet.platform.security.Caller;
import cn.onenet.routing.workorder.WorkOrder;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderAccessTests {

    static final WorkOrder.State ORDER = new WorkOrder.State(UUID.randomUUID(), "12345678901234567", Channel.POLICE, "JW-1",
            "public-security", "t", "d", Urgency.NORMAL, null, null, Instant.now(), RequestStatus.DISPATCHED, "police-wenxin",
            null, null, null, List.of(), 1, List.of("wenxin-street"), List.of(), false, null, null);

    static Caller system(Role role, String channel, String department) {
        return new Caller("client", "client", Set.of(role), channel, department, null, true);
    }

    @Test
    void aDepartmentSystemSeesOnlyOrdersItLeadsOrAssists() {
        assertThat(OrderAccess.visible(ORDER, system(Role.DEPARTMENT_SYSTEM, null, "police-wenxin"))).isTrue();
        assertThat(OrderAccess.visible(ORDER, system(Role.DEPARTMENT_SYSTEM, null, "wenxin-street"))).isTrue();
        assertThat(OrderAccess.visible(ORDER, system(Role.DEPARTMENT_SYSTEM, null, "court-xihu"))).isFalse();
        assertThat(OrderAccess.visible(ORDER, system(Role.DEPARTMENT_SYSTEM, null, null))).isFalse();
    }

    @Test
    void aChannelSystemSeesOnlyItsChannelsOrders() {
        assertThat(OrderAccess.visible(ORDER, system(Role.CHANNEL_SYSTEM, "POLICE", null))).isTrue();
        assertThat(OrderAccess.visible(ORDER, system(Role.CHANNEL_SYSTEM, "LIVELIHOOD", null))).isFalse();
    }

    @Test
    void peopleWorkingTheHotlineSeeEveryOrderAndWithoutTokenChecksNothingIsChecked() {
        for (Role role : List.of(Role.OPERATOR, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)) {
            assertThat(OrderAccess.visible(ORDER, new Caller("someone", "onenet-console", Set.of(role), null, null, null, true)))
                .as(role.name()).isTrue();
        }
        assertThat(OrderAccess.visible(ORDER, new Caller("someone", "x", Set.of(), null, null, null, true))).isFalse();
        assertThat(OrderAccess.visible(ORDER, Caller.unverified())).isTrue();
    }
}
