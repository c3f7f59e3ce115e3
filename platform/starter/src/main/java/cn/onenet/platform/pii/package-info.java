/**
 * Personal data protected at rest and in events: field-level encryption, keyed hashes for lookup, and the phone and
 * ID numbers typed into free text masked.
 */
package cn.onenet.platform.pii;
