/** Reference data in the document store. */
package cn.onenet.routing.reference.persistence;
