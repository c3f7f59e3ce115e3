/** Personal data protected at rest and in events: field-level encryption and keyed hashes for lookup. */
package cn.onenet.platform.pii;
