/** Kafka adapters of work orders: the submission consumer and the outbox relay. */
package cn.onenet.routing.workorder.messaging;
