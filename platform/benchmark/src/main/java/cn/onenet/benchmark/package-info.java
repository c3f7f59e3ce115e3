/** An open-model load generator for the running suite, its samplers and its report. */
package cn.onenet.benchmark;
