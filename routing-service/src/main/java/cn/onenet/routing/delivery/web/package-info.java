/** The webhook, delivery and feed endpoints: register endpoints, inspect and retry deliveries, pull a target's events. */
package cn.onenet.routing.delivery.web;
