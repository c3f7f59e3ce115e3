/** The single entry to OneNetwork: routes to the services, guards them, and serves the operators' console. */
package cn.onenet.gateway;
