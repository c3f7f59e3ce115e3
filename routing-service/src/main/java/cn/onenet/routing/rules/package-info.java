/** Routing rules as data: which department leads (主办) and which assist (协办), by priority; dry-run and audit. */
package cn.onenet.routing.rules;
