/** Rules and their audit trail in the document store. */
package cn.onenet.routing.rules.persistence;
