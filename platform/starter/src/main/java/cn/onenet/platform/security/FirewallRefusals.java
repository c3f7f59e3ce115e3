package cn.onenet.platform.security;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.contracts.security.HeaderText;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.ProblemHandler;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * What the firewall refuses, answered 400 with the header it is about. The firewall checks a header's value only
 * when someone reads it — a controller's {@code @RequestHeader}, a filter's token lookup — so the refusal comes
 * late, as an exception that would otherwise be a 500. Tomcat reads header bytes as ISO-8859-1: UTF-8 text such as
 * {@code 中文} arrives as control characters, which is what the firewall refuses.
 */
final class FirewallRefusals {

    static final String MESSAGE = "holds characters a header can't carry (control characters, or non-ASCII text); "
            + "use visible ASCII characters";

    private FirewallRefusals() {
    }

    /** A 400 naming the headers the firewall's rule refuses, or saying the request was refused if none is. */
    static ResponseEntity<ProblemDetail> answer(HttpServletRequest request) {
        List<FieldProblem> refused = refusedHeaders(request).stream()
            .map(name -> new FieldProblem(name, MESSAGE)).toList();
        if (refused.isEmpty()) {
            return ProblemHandler.respond(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_BODY,
                    "The request can't be read", "The request's address or parameters hold what the server refuses:"
                            + " a segment such as /./, /../ or //, an encoded slash, dot or percent sign, or characters"
                            + " that are not visible ASCII. Send the path as the API documents give it.");
        }
        return ProblemHandler.invalidFields(refused);
    }

    /** The headers whose name or value the firewall refuses, read from the request under its wrapper. */
    static List<String> refusedHeaders(HttpServletRequest request) {
        ServletRequest unwrapped = request;
        while (unwrapped instanceof ServletRequestWrapper wrapper) {
            unwrapped = wrapper.getRequest();
        }
        HttpServletRequest raw = (HttpServletRequest) unwrapped;
        List<String> refused = new ArrayList<>();
        for (String name : Collections.list(raw.getHeaderNames())) {
            boolean allowed = HeaderText.isAllowedName(name);
            for (String value : Collections.list(raw.getHeaders(name))) {
                allowed &= HeaderText.isAllowedValue(value);
            }
            if (!allowed && !refused.contains(name)) {
                refused.add(name);
            }
        }
        return refused;
    }
}
