/** /api/v1/rules: rule CRUD, audit trail and dry-run. */
package cn.onenet.routing.rules.web;
