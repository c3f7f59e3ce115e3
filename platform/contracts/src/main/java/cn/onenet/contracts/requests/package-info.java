/** Events of a citizen request: its submission and the life of its work order. */
package cn.onenet.contracts.requests;
