package cn.onenet.contracts.security;

/**
 * What a caller may do, carried in the access token's {@value TokenClaims#ROLES} claim (without a prefix). Machine
 * clients are channel or department systems; people are staff of the hotline, the street and the district.
 */
public enum Role {
    /** a channel system (党建网, 民生网 …): submits on its own channel, reads what it submitted */
    CHANNEL_SYSTEM,
    /** a department system (承办单位): reads and reports on the orders dispatched to it */
    DEPARTMENT_SYSTEM,
    /** a call-center operator: submits HOTLINE requests, reads orders, records callbacks */
    OPERATOR,
    /** a dispatcher (派单员): works triage, dispatches, rejects, merges */
    DISPATCHER,
    /** a supervisor (督办): sees everything, decides extensions, edits rules and the calendar */
    SUPERVISOR,
    /** community staff: publishes and verifies community service */
    COMMUNITY_ADMIN,
    /** an administrator: clients, departments, reference data, webhooks, operations */
    ADMIN,
    /** a metrics scraper (Prometheus): reads the gateway's {@code /actuator/prometheus}, nothing else */
    MONITORING
}
