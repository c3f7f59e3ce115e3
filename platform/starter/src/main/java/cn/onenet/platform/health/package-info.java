/** Health indicators that work against both real MongoDB and the embedded MongoDB-wire store. */
package cn.onenet.platform.health;
