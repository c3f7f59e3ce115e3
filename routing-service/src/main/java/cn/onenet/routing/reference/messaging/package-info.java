/** Publishes reference data snapshots on Kafka. */
package cn.onenet.routing.reference.messaging;
