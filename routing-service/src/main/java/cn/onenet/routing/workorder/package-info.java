/** Work orders (工单): the aggregate with the one state machine, and the service that applies commands to it. */
package cn.onenet.routing.workorder;
