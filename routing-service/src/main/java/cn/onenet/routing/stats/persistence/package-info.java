/** Reads work orders for statistics with a projection, streaming through the {@code work_orders} collection. */
package cn.onenet.routing.stats.persistence;
