/** The working-day calendar over HTTP. */
package cn.onenet.routing.sla.web;
