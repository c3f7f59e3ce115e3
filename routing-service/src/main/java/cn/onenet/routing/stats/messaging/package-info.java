/** Marks the summary cells the lifecycle's changes touch, from {@code onenet.requests.lifecycle.v1}. */
package cn.onenet.routing.stats.messaging;
