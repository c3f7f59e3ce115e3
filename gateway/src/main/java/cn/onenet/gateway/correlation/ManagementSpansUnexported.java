package cn.onenet.gateway.correlation;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Health checks and metric scrapes ({@code /actuator/…}, every few seconds) are timed as before but their spans are not
 * exported: in Zipkin they buried the traces of the requests, as they would the access log (where they are DEBUG).
 */
@Component
class ManagementSpansUnexported implements SpanExportingPredicate {

    private final String basePath;

    ManagementSpansUnexported(@Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        this.basePath = basePath;
    }

    @Override
    public boolean isExportable(FinishedSpan span) {
        String path = span.getTags().get("http.url");
        return path == null || !(path.equals(basePath) || path.startsWith(basePath + "/"));
    }
}
