/** The supervisor's view of the access audit. */
package cn.onenet.routing.privacy.web;
