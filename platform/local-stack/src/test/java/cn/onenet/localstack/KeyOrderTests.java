package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import de.bwaldvogel.mongo.backend.ValueComparator;
import org.junit.jupiter.api.Test;

/** The index's shortcuts for strings and whole numbers order keys exactly as mongo-java-server's comparator does. */
class KeyOrderTests {

    @Test
    void ordersStringsAndWholeNumbersAsMongoJavaServerDoes() {
        Random random = new Random(29);
        List<Object> values = new java.util.ArrayList<>(List.of("", "a", "b", "ab", "Z", "工单", "工", "\uD83D\uDE00", "\uFFFF",
                "0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11", Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1, (1L << 53) + 1,
                1L << 53, 0L, -1L, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 7));
        for (int i = 0; i < 200; i++) {
            values.add(random.nextBoolean() ? random.nextLong() : (Object) random.nextInt());
            values.add(Long.toString(random.nextLong(), 36) + (char) random.nextInt(0x10000));
        }
        for (Object left : values) {
            for (Object right : values) {
                assertThat(Integer.signum(IdIndexedBackends.KeyOrder.compareValues(left, right))).as("%s vs %s", left, right)
                    .isEqualTo(Integer.signum(ValueComparator.asc().compare(left, right)));
            }
        }
    }
}
