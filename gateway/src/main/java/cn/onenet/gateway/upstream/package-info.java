/** The services behind the gateway and how requests reach them: routes, timeouts and one circuit breaker each. */
package cn.onenet.gateway.upstream;
