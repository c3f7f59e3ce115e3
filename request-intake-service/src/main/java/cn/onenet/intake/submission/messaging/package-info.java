/** Writes accepted submissions to Kafka, behind a circuit breaker. */
package cn.onenet.intake.submission.messaging;
