/** Webhook endpoints, deliveries, per-order delivery streams and feed positions in the document store. */
package cn.onenet.routing.delivery.persistence;
