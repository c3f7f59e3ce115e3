package cn.onenet.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

class TraceContextTests {

    private static final String CALLERS = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    @Test
    void continuesTheCallersTraceWithItsFlagsAndTheGatewaysSpanAsParent() {
        HttpHeaders headers = headers("traceparent", CALLERS);
        headers.set("tracestate", "vendor=1");

        TraceContext trace = TraceContext.continueOrStart(headers);
        trace.passOn(headers);

        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
        assertThat(headers.getFirst("traceparent"))
            .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + trace.spanId() + "-00");
        assertThat(headers.getFirst("tracestate")).isEqualTo("vendor=1");
        assertThat(headers.containsHeader("b3")).isFalse();
    }

    @Test
    void readsTheFirstFourFieldsOfALaterVersion() {
        TraceContext trace = TraceContext.continueOrStart(
                headers("traceparent", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more"));

        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.flags()).isEqualTo("01");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "garbage", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x" })
    void startsATraceInsteadOfAMalformedOneAndLeavesSamplingToTheService(String malformed) {
        HttpHeaders headers = headers("traceparent", malformed);
        headers.set("tracestate", "vendor=1");

        TraceContext trace = TraceContext.continueOrStart(headers);
        trace.passOn(headers);

        assertThat(trace.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.flags()).isNull();
        assertThat(headers.containsHeader("traceparent")).isFalse();
        assertThat(headers.containsHeader("tracestate")).isFalse();
        assertThat(headers.getFirst("b3")).isEqualTo(trace.traceId() + "-" + trace.spanId());
    }

    @Test
    void leavesACallersB3TraceAlone() {
        assertThat(TraceContext.continueOrStart(headers("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")))
            .isNull();
        assertThat(TraceContext.continueOrStart(headers("X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7"))).isNull();
    }

    private static HttpHeaders headers(String name, String value) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(name, value);
        return headers;
    }
}
