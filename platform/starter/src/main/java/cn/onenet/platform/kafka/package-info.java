/** Events on Kafka: CloudEvents-style headers, JSON payloads, topics, dead letters and correlation ids. */
package cn.onenet.platform.kafka;
