/**
 * Machine clients (channel and department systems): the demo ones and those administrators add, with their secrets
 * rotated and clients disabled; what changes is kept in a file beside the signing key.
 */
package cn.onenet.identity.clients;
