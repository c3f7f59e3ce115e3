/** Work orders in the document store, each with its outbox of events not yet published. */
package cn.onenet.routing.workorder.persistence;
