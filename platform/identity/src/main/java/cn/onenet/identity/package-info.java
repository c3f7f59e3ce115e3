/**
 * The local stack's identity provider: an OAuth2 / OpenID Connect authorization server (Spring Authorization Server)
 * with the demo channel and department systems as client-credentials clients, the demo staff as form-login users and
 * the console as a public authorization-code + PKCE client. In production any OIDC provider takes its place.
 */
package cn.onenet.identity;
