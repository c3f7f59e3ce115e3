/** What the OneNetwork services share on the wire: topic names, enums and immutable event records, nothing else. */
package cn.onenet.contracts;
