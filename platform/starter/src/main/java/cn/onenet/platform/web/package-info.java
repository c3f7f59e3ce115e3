/** HTTP defaults: strict JSON, Problem Details for every error, correlation ids on every exchange. */
package cn.onenet.platform.web;
