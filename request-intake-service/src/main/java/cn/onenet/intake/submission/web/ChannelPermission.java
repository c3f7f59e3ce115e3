package cn.onenet.intake.submission.web;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.security.Role;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.security.CallerForbidden;

/**
 * Who may submit on which channel, when tokens are checked: a channel system on its own channel only (its token's
 * {@code channel} claim), an operator on {@code HOTLINE}; anyone else not at all. The gateway checks the same; this
 * is the service's own guard for calls that reach it another way.
 */
final class ChannelPermission {

    private ChannelPermission() {
    }

    static void check(Caller caller, Channel channel) {
        if (!caller.verified()) {
            return;
        }
        if (caller.hasRole(Role.CHANNEL_SYSTEM) && caller.channel() != null) {
            if (caller.channel().equals(channel.name())) {
                return;
            }
            throw new CallerForbidden("A channel system submits on its own channel only: this client is "
                    + caller.channel() + ", the request says " + channel + ".");
        }
        if (channel == Channel.HOTLINE && caller.hasRole(Role.OPERATOR)) {
            return;
        }
        throw new CallerForbidden(channel == Channel.HOTLINE ? "Only operators submit HOTLINE requests."
                : "Only the " + channel + " channel system submits on " + channel + ".");
    }
}
