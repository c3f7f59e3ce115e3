/** Delivery adapters: the lifecycle-topic consumer that plans deliveries and the signed HTTP webhook sender. */
package cn.onenet.routing.delivery.messaging;
