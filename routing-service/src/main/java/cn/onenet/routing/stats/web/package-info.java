/** The statistics and supervisor endpoints: the summary as JSON and CSV, overdue orders and the backlog. */
package cn.onenet.routing.stats.web;
