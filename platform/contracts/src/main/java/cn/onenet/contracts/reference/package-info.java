/** Reference data that routing owns and publishes for the services that must validate against it. */
package cn.onenet.contracts.reference;
