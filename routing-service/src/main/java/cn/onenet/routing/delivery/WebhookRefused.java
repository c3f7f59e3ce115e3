package cn.onenet.routing.delivery;

/** An endpoint answered, but not with 2xx: a failed attempt, counted by the circuit breaker like no answer. */
class WebhookRefused extends RuntimeException {

    WebhookRefused(int status) {
        super("HTTP " + status, null, false, false);
    }
}
