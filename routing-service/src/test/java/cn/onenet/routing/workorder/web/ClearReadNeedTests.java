package cn.onenet.routing.workorder.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.security.Role;
import cn.onenet.platform.pii.Masking;
import cn.onenet.platform.security.Caller;
import cn.onenet.routing.workorder.TimelineEntry;
import cn.onenet.routing.workorder.TimelineType;
import cn.onenet.routing.workorder.WorkOrder;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whose work needs a requester's personal data in clear: one case per rule. */
class ClearReadNeedTests {

    static WorkOrder.State order(Channel channel, String receivedBy) {
        return new WorkOrder.State(UUID.randomUUID(), "12345678901234567", channel, null, "public-security", "t", "d",
                Urgency.NORMAL, null, null, Instant.now(), RequestStatus.DISPATCHED, "police-wenxin", null, null, null,
                List.of(new TimelineEntry(1, TimelineType.RECEIVED, Instant.now(), receivedBy, null, null)), 1,
                List.of("wenxin-street"), List.of(), false, null, null);
    }

    static Caller person(String name, Role role) {
        return new Caller(name, "onenet-console", Set.of(role), null, null, null, true);
    }

    static Caller department(String code) {
        return new Caller("department-" + code, "department-" + code, Set.of(Role.DEPARTMENT_SYSTEM), null, code, null, true);
    }

    @Test
    void theOperatorWhoTookTheCallNeedsItAndNoOtherOperator() {
        WorkOrder.State call = order(Channel.HOTLINE, "operator:operator");
        assertThat(call.takenBy()).isEqualTo("operator");
        assertThat(PersonalDataController.needsClear(call, person("operator", Role.OPERATOR))).isTrue();
        assertThat(PersonalDataController.needsClear(call, person("operator2", Role.OPERATOR))).isFalse();
        assertThat(PersonalDataController.needsClear(order(Channel.LIVELIHOOD, "channel:LIVELIHOOD"),
                person("operator", Role.OPERATOR))).isFalse();
    }

    @Test
    void theLeadAndCoDepartmentsNeedItAndNoOtherDepartment() {
        WorkOrder.State order = order(Channel.POLICE, "channel:POLICE");
        assertThat(PersonalDataController.needsClear(order, department("police-wenxin"))).isTrue();
        assertThat(PersonalDataController.needsClear(order, department("wenxin-street"))).isTrue();
        assertThat(PersonalDataController.needsClear(order, department("court-xihu"))).isFalse();
    }

    @Test
    void dispatchersSupervisorsAdminsAndChannelSystemsSeeItMasked() {
        WorkOrder.State call = order(Channel.HOTLINE, "operator:dispatcher");
        for (Role role : List.of(Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN, Role.COMMUNITY_ADMIN)) {
            assertThat(PersonalDataController.needsClear(call, person("dispatcher", role))).as(role.name()).isFalse();
        }
        assertThat(PersonalDataController.needsClear(order(Channel.POLICE, "channel:POLICE"),
                new Caller("channel-police", "channel-police", Set.of(Role.CHANNEL_SYSTEM), "POLICE", null, null, true))).isFalse();
        assertThat(PersonalDataController.needsClear(call, Caller.unverified())).isTrue();
    }

    @Test
    void masksIdNumbersToTheAreaAndTheLastFour() {
        assertThat(Masking.idNumber("110101199003071234")).isEqualTo("110***********1234");
        assertThat(Masking.idNumber("11010119900307123X")).isEqualTo("110***********123X");
        assertThat(Masking.idNumber(null)).isNull();
    }
}
