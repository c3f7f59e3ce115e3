/** The calendar in MongoDB. */
package cn.onenet.routing.sla.persistence;
