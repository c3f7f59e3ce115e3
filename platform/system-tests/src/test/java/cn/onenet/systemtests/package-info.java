/** System tests: the whole suite as separate processes, driven through the gateway. */
package cn.onenet.systemtests;
