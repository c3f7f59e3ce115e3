package cn.onenet.routing.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import cn.onenet.routing.delivery.Target;
import org.junit.jupiter.api.Test;

class DeliveryDocumentTests {

    private static final Target CIVIL_AFFAIRS = Target.department("civil-affairs");

    @Test
    void feedKeysAreTheKeysStoredBeforeAndCompareLikeTheirPositions() {
        // the unique feedKey index holds keys written by earlier builds: the same 19 digits
        assertThat(DeliveryDocument.feedKey(CIVIL_AFFAIRS, 42))
            .isEqualTo("department:civil-affairs#0000000000000000042");
        assertThat(DeliveryDocument.feedKey(CIVIL_AFFAIRS, Long.MAX_VALUE))
            .isEqualTo("department:civil-affairs#" + Long.MAX_VALUE);
        assertThat(DeliveryDocument.feedKey(CIVIL_AFFAIRS, 9)).isLessThan(DeliveryDocument.feedKey(CIVIL_AFFAIRS, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> DeliveryDocument.feedKey(CIVIL_AFFAIRS, -1));
    }
}
