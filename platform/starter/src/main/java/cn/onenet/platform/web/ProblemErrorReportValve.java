package cn.onenet.platform.web;

import cn.onenet.contracts.ProblemTypes;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's answer to what it refuses before the application sees it — a request line with an encoded slash or
 * an illegal character, an unreadable header — as Problem Details instead of Tomcat's HTML page, so a client
 * gets the same kind of answer for every refusal. Never with a stack trace or server details.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + ProblemTypes.forStatus(status) + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"The request's address or headers could not be read.\"}");
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }
}
