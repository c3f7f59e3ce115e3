package cn.onenet.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class TransientFailuresTests {

    @Test
    void theStoreOrBrokerAwayIsTransientABadRecordIsNot() {
        Throwable storeDown = new ListenerExecutionFailedException("listener failed",
                new DataAccessResourceFailureException("timed out", new MongoSocketOpenException("refused", new ServerAddress())));
        Throwable brokerSlow = new IllegalStateException(new org.apache.kafka.common.errors.TimeoutException("no ack"));
        Throwable badRecord = new ListenerExecutionFailedException("listener failed", new IllegalArgumentException("no such category"));

        assertThat(TransientFailures.isTransient(storeDown)).isTrue();
        assertThat(TransientFailures.isTransient(brokerSlow)).isTrue();
        assertThat(TransientFailures.isTransient(badRecord)).isFalse();
        assertThat(TransientFailures.isTransient(new EventDecodingException("garbage", null))).isFalse();
    }

    @Test
    void transientFailuresAreRetriedWithoutEnd() {
        BackOffExecution execution = TransientFailures.backOff().start();
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP);
        }
        assertThat(last).isEqualTo(10_000);
    }
}
