/** The work-order endpoints of API.md: queries, department events, callback and dispatcher actions. */
package cn.onenet.routing.workorder.web;
