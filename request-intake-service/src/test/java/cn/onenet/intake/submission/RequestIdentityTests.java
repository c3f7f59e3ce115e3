package cn.onenet.intake.submission;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.Channel;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdentityTests {

    @Test
    void theSameChannelIdAlwaysGivesTheSameRequestId() {
        UUID first = RequestIdentity.of(Channel.LIVELIHOOD, "MS-2026-000123", null);

        assertThat(RequestIdentity.of(Channel.LIVELIHOOD, "MS-2026-000123", null)).isEqualTo(first);
        assertThat(RequestIdentity.of(Channel.LIVELIHOOD, "MS-2026-000123", "some-key")).isEqualTo(first);
        assertThat(first.version()).isEqualTo(5);
    }

    @Test
    void isTheNameBasedUuidOfRfc9562() {
        // worked out apart from the code (Python's uuid.uuid5 with intake's namespace): the id a channel's request
        // had before an upgrade is the id it has after
        assertThat(RequestIdentity.of(Channel.LIVELIHOOD, "MS-2026-000123", null))
            .isEqualTo(UUID.fromString("008c36b0-1491-55a4-989a-adb3e612020e"));
    }

    @Test
    void channelsHaveSeparateIdSpaces() {
        assertThat(RequestIdentity.of(Channel.COURT, "2026-1", null))
            .isNotEqualTo(RequestIdentity.of(Channel.LAWYER, "2026-1", null))
            .isNotEqualTo(RequestIdentity.of(Channel.COURT, null, "2026-1"));
    }

    @Test
    void anIdempotencyKeyStandsInForAMissingChannelId() {
        assertThat(RequestIdentity.of(Channel.HOTLINE, null, "call-7781")).isEqualTo(RequestIdentity.of(Channel.HOTLINE, null, "call-7781"));
    }

    @Test
    void aCallWithNeitherGetsAFreshId() {
        assertThat(RequestIdentity.of(Channel.HOTLINE, null, null)).isNotEqualTo(RequestIdentity.of(Channel.HOTLINE, null, null));
    }

    @Test
    void anIdempotencyKeyIsItsSendersOwn() {
        UUID operator = RequestIdentity.of(Channel.HOTLINE, null, "call-7781", "operator-li");
        assertThat(RequestIdentity.of(Channel.HOTLINE, null, "call-7781", "operator-li")).isEqualTo(operator);
        assertThat(RequestIdentity.of(Channel.HOTLINE, null, "call-7781", "operator-wang")).isNotEqualTo(operator);
        assertThat(RequestIdentity.of(Channel.HOTLINE, null, "call-7781", "channel-hotline")).isNotEqualTo(operator);
        // a channel's own id is the channel's, whoever sends it
        assertThat(RequestIdentity.of(Channel.COURT, "FY-1", "k", "a"))
            .isEqualTo(RequestIdentity.of(Channel.COURT, "FY-1", "k", "b"));
    }
}
