/**
 * Dead letters for operators: list what a service's consumers parked in {@code <topic>.dlt} with the failure, and
 * replay it to the original topic once its cause is fixed — each dead letter at most once, tracked in a ledger topic.
 */
package cn.onenet.platform.kafka.admin;
