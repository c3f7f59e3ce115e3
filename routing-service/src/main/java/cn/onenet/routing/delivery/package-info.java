/** Results back to channels and departments: webhook endpoints as data, durable signed deliveries in order, the pull feed. */
package cn.onenet.routing.delivery;
