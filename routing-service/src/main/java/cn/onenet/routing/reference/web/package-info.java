/** GET /api/v1/catalogue, /departments, /communities, /channels. */
package cn.onenet.routing.reference.web;
