package cn.onenet.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedCallerTests {

    @Test
    void namesAMachineClientByItsClientIdAlone() {
        assertThat(LoggedCaller.of("channel-livelihood", null, "channel-livelihood", null))
            .isEqualTo(new LoggedCaller("channel-livelihood", null));
    }

    @Test
    void namesAPersonByTheirUserNameBesideTheClientTheySignedInWith() {
        assertThat(LoggedCaller.of("onenet-console", null, "dispatcher", null))
            .isEqualTo(new LoggedCaller("onenet-console", "dispatcher"));
        assertThat(LoggedCaller.of(null, "onenet-console", "5f0c3a2e-uuid", "zhang.wei"))
            .isEqualTo(new LoggedCaller("onenet-console", "zhang.wei"));
    }

    @Test
    void neverLogsAnEmailAddressOrAPhoneNumberAsAUserName() {
        assertThat(LoggedCaller.of("onenet-console", null, "5f0c3a2e-uuid", "zhang.wei@example.cn").userName())
            .isEqualTo("5f0c3a2e-uuid");
        assertThat(LoggedCaller.of("onenet-console", null, "13800138000", null).userName()).isNull();
        assertThat(LoggedCaller.of("onenet-console", null, "+86 138-0013-8000", "a@b.cn").userName()).isNull();
    }
}
