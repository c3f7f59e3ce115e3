/** The defaults every OneNetwork service shares, as a Spring Boot starter. */
package cn.onenet.platform;
