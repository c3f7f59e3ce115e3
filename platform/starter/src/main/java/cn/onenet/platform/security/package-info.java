/**
 * Token checks in the services, switched on by configuration: when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code …jwk-set-uri}) is set, every API call needs
 * a valid bearer token (issuer, audience {@code onenet}, expiry, signature) and controllers learn who calls through
 * {@link cn.onenet.platform.security.Caller}; without it the service is open, as its own tests expect.
 */
package cn.onenet.platform.security;
