package cn.onenet.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.security.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTests {

    @Test
    void anAuditTrailNamesTheTokensSubjectWhateverTheRequestClaims() {
        Caller supervisor = new Caller("supervisor", "onenet-console", Set.of(Role.SUPERVISOR), null, null, null, true);
        assertThat(supervisor.auditActor("someone-else")).isEqualTo("supervisor");
        assertThat(supervisor.auditActor(null)).isEqualTo("supervisor");
    }

    @Test
    void withoutTokenChecksTheClaimedNameOrAnonymous() {
        assertThat(Caller.unverified().auditActor(" 王主任 ")).isEqualTo("王主任");
        assertThat(Caller.unverified().auditActor(" ")).isEqualTo("anonymous");
        assertThat(Caller.unverified().auditActor(null)).isEqualTo("anonymous");
    }
}
