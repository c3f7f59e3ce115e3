/** Who may do what: the roles and token claims the identity provider issues and the gateway and services read. */
package cn.onenet.contracts.security;
