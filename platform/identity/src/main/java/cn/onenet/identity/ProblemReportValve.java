package cn.onenet.identity;

import cn.onenet.contracts.ProblemTypes;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat refuses before the identity provider sees it (a path with an encoded slash or an illegal character, an
 * unreadable header) answered as the provider's other refusals are: Problem Details with the call's
 * {@link CorrelationId} (the caller's when well formed; the correlation filter never ran), not Tomcat's HTML page.
 * Never a stack trace or server details. Tomcat makes it by name, so it is public.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String correlationId = CorrelationId.acceptOrCreate(request.getHeader(CorrelationId.HEADER));
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemTypes.forStatus(status).toString());
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", "The request's address or headers could not be read.");
        problem.put(CorrelationId.PROBLEM_PROPERTY, correlationId);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(CorrelationId.HEADER, correlationId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }
}
