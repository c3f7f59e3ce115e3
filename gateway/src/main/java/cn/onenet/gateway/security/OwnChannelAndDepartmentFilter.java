package cn.onenet.gateway.security;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.security.AccessTable;
import cn.onenet.contracts.security.Role;
import java.util.Arrays;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway can check about ownership from the request alone, after the role rules:
 * <ul>
 * <li>a submission's {@code channel} must be the caller's own channel (a channel system's {@code channel} claim);
 * a caller without one (an operator) may submit on {@code HOTLINE} only;</li>
 * <li>a department system reports events only as its own department (the body's {@code department});</li>
 * <li>a channel or department system reads only its own feed ({@code target=channel:<its channel>} or
 * {@code department:<its code>}).</li>
 * </ul>
 * Anything else is refused with 403 Problem Details. A body that isn't JSON or lacks the field passes on, for the
 * service to refuse with its validation answer. The body (at most the size limit) is forwarded unchanged.
 */
@Component
@Order(-80)
class OwnChannelAndDepartmentFilter implements WebFilter {

    private static final PathPattern SUBMIT = PathPatternParser.defaultInstance.parse("/api/v1/requests");
    private static final PathPattern EVENTS = PathPatternParser.defaultInstance.parse("/api/v1/requests/{id}/events");
    private static final PathPattern FEED = PathPatternParser.defaultInstance.parse("/api/v1/feed");

    private final JsonMapper json;
    private final SecurityProblems problems;

    OwnChannelAndDepartmentFilter(JsonMapper json, SecurityProblems problems) {
        this.json = json;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        boolean submit = HttpMethod.POST.equals(method) && SUBMIT.matches(path);
        boolean events = HttpMethod.POST.equals(method) && EVENTS.matches(path);
        boolean feed = (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) && FEED.matches(path);
        if (!submit && !events && !feed) {
            return chain.filter(exchange);
        }
        // the checked branch ends in a value: a Mono<Void> completes empty, and switchIfEmpty would then run the rest of
        // the chain a second time (a second call through the circuit breaker, an error once the breaker is open)
        return exchange.getPrincipal().map(Caller::of).flatMap(caller -> checked(exchange, chain, caller, submit, feed)
                .then(Mono.just(Boolean.TRUE)))
            .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).then(Mono.just(Boolean.TRUE))))
            .then();
    }

    private Mono<Void> checked(ServerWebExchange exchange, WebFilterChain chain, Caller caller, boolean submit,
            boolean feed) {
        if (feed) {
            String refusal = feedRefusal(caller, exchange.getRequest().getQueryParams().getFirst("target"));
            return refusal == null ? chain.filter(exchange) : problems.forbidden(exchange, refusal);
        }
        return BodySizeLimitFilter.bytesOf(DataBufferUtils.join(exchange.getRequest().getBody()))
            .flatMap(bytes -> {
                String refusal = submit ? submissionRefusal(caller, text(bytes, "channel"))
                        : eventRefusal(caller, text(bytes, "department"));
                if (refusal != null) {
                    return problems.forbidden(exchange, refusal);
                }
                return chain.filter(exchange.mutate().request(BodySizeLimitFilter.withBody(exchange, bytes)).build());
            });
    }

    /**
     * Why the caller may not submit on {@code channel}; null if it may, or if the text names no channel at all
     * ({@code "FAX"}, {@code "livelihood"}): intake refuses that with a 400 naming the field and the channels there
     * are, where a 403 here told a caller with a typo it lacked permission.
     */
    static String submissionRefusal(Caller caller, String channel) {
        if (channel == null || Arrays.stream(Channel.values()).noneMatch(known -> known.name().equals(channel))) {
            return null;
        }
        if (caller.channel() != null) {
            return caller.channel().equals(channel) ? null
                    : "A channel system submits on its own channel only: this client is " + caller.channel() + ".";
        }
        if (Channel.HOTLINE.name().equals(channel) && caller.hasRole(Role.OPERATOR.name())) {
            return null;
        }
        return "Only a channel system submits on " + channel + "; operators submit HOTLINE requests.";
    }

    static String eventRefusal(Caller caller, String department) {
        if (department == null || caller.department() == null || caller.department().equals(department)) {
            return null;
        }
        return "A department system reports for its own department only: this client is " + caller.department() + ".";
    }

    static String feedRefusal(Caller caller, String target) {
        if (caller.hasRole(Role.ADMIN.name()) || target == null) {
            return null;
        }
        String own = AccessTable.ownFeed(caller.channel(), caller.department());
        return target.equals(own) ? null : "A system reads its own feed only" + (own == null ? "." : ": target=" + own + ".");
    }

    private String text(byte[] body, String field) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            JsonNode value = node == null ? null : node.get(field);
            return value != null && value.isString() ? value.asString() : null;
        }
        catch (JacksonException notJson) {
            return null;
        }
    }
}
