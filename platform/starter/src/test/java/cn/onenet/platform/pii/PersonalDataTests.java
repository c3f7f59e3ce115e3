package cn.onenet.platform.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PersonalDataTests {

    private final PersonalData data = new PersonalData(new PersonalDataProperties(PersonalDataProperties.DEMO_KEY,
            PersonalDataProperties.DEMO_LOOKUP_KEY));

    @Test
    void sealsUnderAFreshNonceAndOpensWhatItSealed() {
        String first = data.seal("13800138000");
        String second = data.seal("13800138000");

        assertThat(first).startsWith(PersonalData.PREFIX).doesNotContain("13800138000").isNotEqualTo(second);
        assertThat(data.open(first)).isEqualTo("13800138000");
        assertThat(data.open(second)).isEqualTo("13800138000");
        assertThat(data.seal(first)).as("sealed once only").isEqualTo(first);
        assertThat(data.open("13800138000")).as("never sealed: as it is").isEqualTo("13800138000");
    }

    @Test
    void findsTheSameNumberHoweverItIsWrittenAndSealed() {
        String hash = data.lookupHash("13800138000");

        assertThat(hash).hasSize(64);
        assertThat(data.lookupHash("138 0013 8000")).isEqualTo(hash);
        assertThat(data.lookupHash("+86 138-0013-8000")).isEqualTo(hash);
        assertThat(data.lookupHash(data.seal("13800138000"))).isEqualTo(hash);
        assertThat(data.lookupHash("13900139000")).isNotEqualTo(hash);
    }

    @Test
    void refusesAValueSealedUnderAnotherKey() {
        PersonalData other = new PersonalData(new PersonalDataProperties(PersonalDataProperties.DEMO_LOOKUP_KEY,
                PersonalDataProperties.DEMO_KEY));
        String sealed = other.seal("110101199003077777");

        assertThatThrownBy(() -> data.open(sealed)).isInstanceOf(IllegalStateException.class).hasMessageContaining("another key");
        assertThat(data.open(data.seal("after a refusal"))).as("the thread's cipher still works").isEqualTo("after a refusal");
    }

    @Test
    void sealsOpensAndHashesOnManyThreadsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        Set<String> hashes = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String phone = "1380013" + String.format("%04d", (thread * 500 + i) % 1000);
                        assertThat(data.open(data.seal(phone))).isEqualTo(phone);
                        hashes.add(phone + "=" + data.lookupHash(phone));
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        }
        finally {
            threads.shutdown();
        }
        assertThat(hashes).as("one hash per number, whichever thread computed it").hasSize(1000);
    }
}
