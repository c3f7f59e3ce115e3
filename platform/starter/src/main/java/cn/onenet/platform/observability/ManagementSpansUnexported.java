package cn.onenet.platform.observability;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;

/**
 * Health checks and metric scrapes ({@code /actuator/…}: the launcher's, Docker's and Prometheus' every few seconds)
 * are timed as before but their spans are not exported: in Zipkin they buried the traces of the requests. The
 * gateway has its own of the same rule (it does not use this starter).
 */
public final class ManagementSpansUnexported implements SpanExportingPredicate {

    private final String basePath;

    /** {@code basePath}: {@code management.endpoints.web.base-path} ({@code /actuator}). */
    public ManagementSpansUnexported(String basePath) {
        this.basePath = basePath;
    }

    @Override
    public boolean isExportable(FinishedSpan span) {
        String path = span.getTags().get("http.url");
        return path == null || !(path.equals(basePath) || path.startsWith(basePath + "/"));
    }
}
