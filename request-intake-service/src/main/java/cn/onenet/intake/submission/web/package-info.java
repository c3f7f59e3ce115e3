/** POST /api/v1/requests: the HTTP face of the one window. */
package cn.onenet.intake.submission.web;
