/** Business metrics of the work orders that need an aggregation: open orders by status and department, overdue. */
package cn.onenet.routing.metrics;
