/** The administrators' API for machine clients: list, add, rotate a secret, disable ({@code /api/v1/clients}). */
package cn.onenet.identity.clients.web;
