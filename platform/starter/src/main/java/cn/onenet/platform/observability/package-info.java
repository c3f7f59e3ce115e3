/** What operators see: tracing defaults, Kafka consumer lag and dead-letter backlog as metrics. */
package cn.onenet.platform.observability;
