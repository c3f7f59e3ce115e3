package cn.onenet.intake.submission.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SubmissionLoadSheddingTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SubmissionLoadShedding.Places places = new SubmissionLoadShedding.Places(2, Duration.ofMillis(20), meters);

    static MockHttpServletRequest post() {
        return new MockHttpServletRequest("POST", "/api/v1/requests");
    }

    @Test
    void refusesTheSubmissionBeyondTheCapacityAtOnceAndTakesOneAgainWhenAPlaceIsFree() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockHttpServletRequest first = post();
        MockHttpServletRequest second = post();
        assertThat(places.preHandle(first, response, null)).isTrue();
        assertThat(places.preHandle(second, response, null)).isTrue();
        assertThat(meters.get("onenet.intake.in.flight").gauge().value()).isEqualTo(2);

        long started = System.nanoTime();
        assertThatThrownBy(() -> places.preHandle(post(), response, null))
            .isInstanceOf(SubmissionLoadShedding.IntakeBusy.class)
            .hasMessageContaining("send the same request again");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(meters.counter("onenet.intake.shed").count()).isEqualTo(1);

        places.afterCompletion(first, response, null, null);
        places.afterCompletion(first, response, null, null); // a second completion gives nothing back twice
        assertThat(places.preHandle(post(), response, null)).isTrue();
        assertThatThrownBy(() -> places.preHandle(post(), response, null)).isInstanceOf(SubmissionLoadShedding.IntakeBusy.class);
    }

    @Test
    void readsAreNeverShed() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        places.preHandle(post(), response, null);
        places.preHandle(post(), response, null);
        assertThat(places.preHandle(new MockHttpServletRequest("GET", "/api/v1/requests"), response, null)).isTrue();
    }
}
