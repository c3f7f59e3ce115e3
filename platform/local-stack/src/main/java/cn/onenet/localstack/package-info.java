/** A real Kafka broker (KRaft), a MongoDB-wire document store and the one-command launcher for running OneNetwork locally. */
package cn.onenet.localstack;
