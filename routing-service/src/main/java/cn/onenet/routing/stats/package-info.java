/** Statistics and supervision: the rates of API.md (响应率、解决率、满意率), overdue orders and the backlog. */
package cn.onenet.routing.stats;
