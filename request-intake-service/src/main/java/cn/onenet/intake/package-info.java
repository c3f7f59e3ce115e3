/** The request intake service: the one window (一口式受理) in front of every channel. */
package cn.onenet.intake;
