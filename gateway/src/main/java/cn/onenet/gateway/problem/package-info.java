/** RFC 9457 Problem Details for every error the gateway answers itself. */
package cn.onenet.gateway.problem;
