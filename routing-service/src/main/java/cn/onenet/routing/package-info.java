/** The routing service: where an accepted request becomes a work order and is followed to the end. */
package cn.onenet.routing;
