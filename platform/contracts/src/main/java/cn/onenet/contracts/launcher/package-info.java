/**
 * The contract between the local launcher ({@code ./run.sh}) and the services it starts: one system property
 * naming the launcher's process, so that a service never outlives it.
 */
package cn.onenet.contracts.launcher;
