package cn.onenet.intake.submission.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.security.Role;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.security.CallerForbidden;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelPermissionTests {

    static Caller channelSystem(String channel) {
        return new Caller("channel-" + channel, "channel-" + channel, Set.of(Role.CHANNEL_SYSTEM), channel, null, null, true);
    }

    static Caller person(Role role) {
        return new Caller(role.name().toLowerCase(), "onenet-console", Set.of(role), null, null, null, true);
    }

    @Test
    void letsAChannelSystemSubmitOnItsOwnChannel() {
        assertThatCode(() -> ChannelPermission.check(channelSystem("COURT"), Channel.COURT)).doesNotThrowAnyException();
    }

    @Test
    void refusesAChannelSystemSubmittingOnAnotherChannel() {
        assertThatThrownBy(() -> ChannelPermission.check(channelSystem("COURT"), Channel.POLICE))
            .isInstanceOf(CallerForbidden.class)
            .hasMessageContaining("own channel");
    }

    @Test
    void letsOperatorsSubmitOnlyHotlineRequests() {
        assertThatCode(() -> ChannelPermission.check(person(Role.OPERATOR), Channel.HOTLINE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ChannelPermission.check(person(Role.OPERATOR), Channel.LIVELIHOOD))
            .isInstanceOf(CallerForbidden.class);
    }

    @Test
    void refusesEveryoneElse() {
        assertThatThrownBy(() -> ChannelPermission.check(person(Role.SUPERVISOR), Channel.HOTLINE))
            .isInstanceOf(CallerForbidden.class);
        assertThatThrownBy(() -> ChannelPermission.check(person(Role.ADMIN), Channel.COURT))
            .isInstanceOf(CallerForbidden.class);
    }

    @Test
    void checksNothingWhenTheServiceChecksNoTokens() {
        assertThatCode(() -> ChannelPermission.check(Caller.unverified(), Channel.POLICE)).doesNotThrowAnyException();
    }
}
