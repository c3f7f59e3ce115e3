package cn.onenet.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import brave.handler.MutableSpan;
import io.micrometer.tracing.brave.bridge.BraveFinishedSpan;
import io.micrometer.tracing.exporter.FinishedSpan;
import org.junit.jupiter.api.Test;

class ManagementSpansUnexportedTests {

    private final ManagementSpansUnexported predicate = new ManagementSpansUnexported("/actuator");

    @Test
    void exportsNoHealthCheckOrScrapeButEveryOtherSpan() {
        assertThat(predicate.isExportable(serverSpan("/actuator/health"))).isFalse();
        assertThat(predicate.isExportable(serverSpan("/actuator/prometheus"))).isFalse();
        assertThat(predicate.isExportable(serverSpan("/actuator"))).isFalse();
        assertThat(predicate.isExportable(serverSpan("/api/v1/requests"))).isTrue();
        assertThat(predicate.isExportable(serverSpan("/actuatorial-report"))).isTrue();
        // a Kafka span has no URL
        MutableSpan send = new MutableSpan();
        send.name("onenet.requests.submitted.v1 send");
        assertThat(predicate.isExportable(BraveFinishedSpan.fromBrave(send))).isTrue();
    }

    private static FinishedSpan serverSpan(String path) {
        MutableSpan span = new MutableSpan();
        span.name("http get");
        span.tag("http.url", path);
        return BraveFinishedSpan.fromBrave(span);
    }
}
