package cn.onenet.routing.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.contracts.Channel;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TargetTests {

    @Test
    void readsChannelsAndDepartmentsAndWritesThemBack() {
        assertThat(Target.parse("channel:LIVELIHOOD")).isEqualTo(Target.channel(Channel.LIVELIHOOD));
        assertThat(Target.parse("department:civil-affairs")).isEqualTo(Target.department("civil-affairs"));
        assertThat(Target.parse("department:civil-affairs").toString()).isEqualTo("department:civil-affairs");
        assertThat(Target.parse("channel:HOTLINE").isDepartment()).isFalse();
    }

    @Test
    void refusesWhatIsNeitherAChannelNorADepartment() {
        assertThatThrownBy(() -> Target.parse("channel:FAX")).isInstanceOf(InvalidTarget.class).hasMessageContaining("LIVELIHOOD");
        assertThatThrownBy(() -> Target.parse("department:Civil Affairs")).isInstanceOf(InvalidTarget.class);
        assertThatThrownBy(() -> Target.parse("department:")).isInstanceOf(InvalidTarget.class);
        assertThatThrownBy(() -> Target.parse("mayor:zhang")).isInstanceOf(InvalidTarget.class);
        assertThatThrownBy(() -> Target.parse("LIVELIHOOD")).isInstanceOf(InvalidTarget.class);
        assertThatThrownBy(() -> Target.parse(" ")).isInstanceOf(InvalidTarget.class);
    }

    @Test
    void aDeliveryIdIsTheSameForTheSameEventAndTarget() {
        UUID event = UUID.randomUUID();

        assertThat(Delivery.idOf(event, Target.channel(Channel.COURT))).isEqualTo(Delivery.idOf(event, Target.channel(Channel.COURT)))
            .isNotEqualTo(Delivery.idOf(event, Target.channel(Channel.LAWYER)))
            .isNotEqualTo(Delivery.idOf(UUID.randomUUID(), Target.channel(Channel.COURT)));
    }
}
