package cn.onenet.gateway.correlation;

import java.util.Locale;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * The exchanges' observation ({@code http.server.requests}, its timer and the gateway's span) as Spring's, but a
 * routed exchange's span is named after the route that took it ({@code http post intake-submit}): Zipkin lists a
 * trace by its root's name, and for a routed call the server observation knows no path pattern ({@code http post}).
 * A route's id, not the path: a name with order ids in it would make every name new.
 */
@Component
class RouteNamedExchanges extends DefaultServerRequestObservationConvention {

    @Override
    public String getContextualName(ServerRequestObservationContext context) {
        Route route = (Route) context.getAttributes().get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return super.getContextualName(context);
        }
        return "http " + context.getCarrier().getMethod().name().toLowerCase(Locale.ROOT) + " " + route.getId();
    }
}
