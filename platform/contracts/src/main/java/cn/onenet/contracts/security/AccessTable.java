package cn.onenet.contracts.security;

import static cn.onenet.contracts.security.Role.ADMIN;
import static cn.onenet.contracts.security.Role.CHANNEL_SYSTEM;
import static cn.onenet.contracts.security.Role.DEPARTMENT_SYSTEM;
import static cn.onenet.contracts.security.Role.DISPATCHER;
import static cn.onenet.contracts.security.Role.OPERATOR;
import static cn.onenet.contracts.security.Role.SUPERVISOR;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call which part of the public API ({@code /api/**}), one rule per line, the first rule whose method and
 * path match deciding: the README's "Who may do what". The gateway checks it, and so does every service for calls
 * that go round the gateway (to a service's own port), so that a token meets the same rules on either way in. Which
 * orders, channels, departments and feeds a caller may touch within a rule is the services' to narrow.
 */
public final class AccessTable {

    /**
     * One line of the table.
     *
     * @param method the HTTP method, or {@code null} for any
     * @param paths path patterns ({@code *} one segment, {@code **} the rest)
     * @param roles the roles any one of which lets the call in
     */
    public record Rule(String method, List<String> paths, Set<Role> roles) {

        public Rule {
            paths = List.copyOf(paths);
            roles = Set.copyOf(roles);
        }

        /**
         * The methods the rule holds for: a reading ({@code GET}) holds for {@code HEAD} too, which answers the same
         * headers (an order's ETag and length said whether an id exists); empty for any method.
         */
        public List<String> methods() {
            return method == null ? List.of() : "GET".equals(method) ? List.of("GET", "HEAD") : List.of(method);
        }
    }

    /** Everyone who works with the system: every role but the metrics scraper's. */
    public static final Set<Role> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Role.MONITORING));

    /** The rules, in the order they are tried; an API path without a rule of its own is for admins only. */
    public static final List<Rule> API = List.of(
        // submitting: channel systems (on their own channel) and operators (HOTLINE)
        rule("POST", EnumSet.of(CHANNEL_SYSTEM, OPERATOR), "/api/v1/requests"),
        // dispatchers' work
        rule("GET", EnumSet.of(DISPATCHER, SUPERVISOR), "/api/v1/requests/triage", "/api/v1/requests/duplicates"),
        rule("POST", EnumSet.of(DISPATCHER), "/api/v1/requests/*/dispatch", "/api/v1/requests/*/transfer",
                "/api/v1/requests/*/reject", "/api/v1/requests/*/merge"),
        // departments report, supervisors decide extensions, operators record callbacks
        rule("POST", EnumSet.of(DEPARTMENT_SYSTEM), "/api/v1/requests/*/events"),
        rule("POST", EnumSet.of(SUPERVISOR), "/api/v1/requests/*/extension"),
        rule("POST", EnumSet.of(OPERATOR), "/api/v1/requests/*/feedback"),
        // 催办: the operator who takes the requester's call again records it; a channel system passes on its own
        // requester's (routing keeps it to the orders of its channel)
        rule("POST", EnumSet.of(OPERATOR, CHANNEL_SYSTEM), "/api/v1/requests/*/follow-ups"),
        // personal data in clear: the department the order is dispatched to, the operator who took the call
        // (routing checks which order and writes every read to the access audit, which supervisors read)
        rule("POST", EnumSet.of(DEPARTMENT_SYSTEM, OPERATOR), "/api/v1/requests/*/personal-data"),
        rule("GET", EnumSet.of(SUPERVISOR), "/api/v1/personal-data-access"),
        // reading orders (the services narrow channel and department systems to their own)
        rule("GET", EnumSet.of(CHANNEL_SYSTEM, DEPARTMENT_SYSTEM, OPERATOR, DISPATCHER, SUPERVISOR),
                "/api/v1/requests", "/api/v1/requests/**"),
        // reference data: anyone signed in
        rule("GET", SIGNED_IN, "/api/v1/catalogue", "/api/v1/catalogue/**", "/api/v1/departments",
                "/api/v1/departments/**", "/api/v1/communities", "/api/v1/communities/**", "/api/v1/channels"),
        // machine clients (at the identity provider, which checks again): admins
        rule(null, EnumSet.of(ADMIN), "/api/v1/clients", "/api/v1/clients/**"),
        // keeping reference data (departments, categories, communities and their audit trail): admins
        rule(null, EnumSet.of(ADMIN), "/api/v1/catalogue/**", "/api/v1/departments/**", "/api/v1/communities/**",
                "/api/v1/reference-data/**"),
        // routing rules: dispatchers and admins read and try them, supervisors change them
        rule("POST", EnumSet.of(DISPATCHER, SUPERVISOR, ADMIN), "/api/v1/rules/dry-run"),
        rule("GET", EnumSet.of(DISPATCHER, SUPERVISOR, ADMIN), "/api/v1/rules", "/api/v1/rules/**"),
        rule(null, EnumSet.of(SUPERVISOR), "/api/v1/rules", "/api/v1/rules/**"),
        // the working-day calendar: everyone reads (deadlines), supervisors change it
        rule("GET", SIGNED_IN, "/api/v1/calendar", "/api/v1/calendar/**"),
        rule(null, EnumSet.of(SUPERVISOR), "/api/v1/calendar", "/api/v1/calendar/**"),
        // supervision and statistics
        rule("GET", EnumSet.of(SUPERVISOR), "/api/v1/stats/**", "/api/v1/supervision/**"),
        // results back: webhooks are administered; the feed is read by the systems it is for (their own only)
        rule(null, EnumSet.of(ADMIN), "/api/v1/webhooks", "/api/v1/webhooks/**"),
        rule("GET", EnumSet.of(CHANNEL_SYSTEM, DEPARTMENT_SYSTEM, ADMIN), "/api/v1/feed"),
        // anything else of the API (dead letters and their replay among it): admins
        rule(null, EnumSet.of(ADMIN), "/api/**"));

    private AccessTable() {
    }

    /**
     * The one feed a channel or department system reads ({@code GET /api/v1/feed?target=}): its channel's or its
     * department's, by its token's claims; {@code null} for a caller that is neither.
     */
    public static String ownFeed(String channel, String department) {
        return channel != null ? "channel:" + channel : department != null ? "department:" + department : null;
    }

    /** The roles' names, as Spring Security's {@code hasAnyRole} takes them. */
    public static String[] names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).toArray(String[]::new);
    }

    private static Rule rule(String method, Set<Role> roles, String... paths) {
        return new Rule(method, Arrays.asList(paths), roles);
    }
}
