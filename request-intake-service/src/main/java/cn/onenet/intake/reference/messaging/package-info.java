/** Reads the reference data snapshots from Kafka. */
package cn.onenet.intake.reference.messaging;
