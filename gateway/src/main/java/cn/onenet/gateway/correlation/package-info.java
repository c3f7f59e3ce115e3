/** Correlation ids: accepted or created per exchange, passed downstream, echoed to callers and put on log lines. */
package cn.onenet.gateway.correlation;
