/** What routing's Kafka consumers share: their listener ids (each its consumer group) and how often they commit. */
package cn.onenet.routing.messaging;
