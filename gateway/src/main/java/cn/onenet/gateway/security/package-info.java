/**
 * Who may pass the gateway: bearer tokens checked against the identity provider (issuer, audience, expiry, signature),
 * coarse role rules per path and method, a channel or department system kept to its own channel or department,
 * per-client rate limits and a body size limit. Every refusal is Problem Details.
 */
package cn.onenet.gateway.security;
