/** Accepting a request: its identity, its tracking number and its durable write to the log. */
package cn.onenet.intake.submission;
