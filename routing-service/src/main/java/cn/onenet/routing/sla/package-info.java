/** Deadlines: sign-for within hours, resolution within working days. */
package cn.onenet.routing.sla;
