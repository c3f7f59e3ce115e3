package cn.onenet.identity.clients;

import cn.onenet.contracts.Channel;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a machine client acts as: the system of one channel, or of one department. Its client id follows from it:
 * {@code channel-<channel in lower case, _ as ->} (e.g. {@code channel-party-building}) or
 * {@code department-<code>}.
 *
 * @param kind channel or department system
 * @param channel the channel of a channel system; {@code null} for a department system
 * @param department the department code of a department system; {@code null} for a channel system
 */
public record MachineIdentity(ClientKind kind, Channel channel, String department) {

    /** A department code: lower-case letters, digits and {@code -}, not starting with {@code -}, up to 64. */
    public static final Pattern DEPARTMENT_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public MachineIdentity {
        Objects.requireNonNull(kind, "kind");
        if (kind == ClientKind.CHANNEL_SYSTEM && (channel == null || department != null)) {
            throw new IllegalArgumentException("A channel system has a channel and no department");
        }
        if (kind == ClientKind.DEPARTMENT_SYSTEM && (department == null || channel != null)) {
            throw new IllegalArgumentException("A department system has a department and no channel");
        }
        if (department != null && !DEPARTMENT_CODE.matcher(department).matches()) {
            throw new IllegalArgumentException("Not a department code (" + DEPARTMENT_CODE + "): " + department);
        }
    }

    public static MachineIdentity channel(Channel channel) {
        return new MachineIdentity(ClientKind.CHANNEL_SYSTEM, channel, null);
    }

    public static MachineIdentity department(String department) {
        return new MachineIdentity(ClientKind.DEPARTMENT_SYSTEM, null, department);
    }

    public String clientId() {
        return kind == ClientKind.CHANNEL_SYSTEM
                ? "channel-" + channel.name().toLowerCase(Locale.ROOT).replace('_', '-')
                : "department-" + department;
    }

    /** the client's name in the registration, e.g. {@code 民生网 (channel system)} */
    String displayName() {
        return kind == ClientKind.CHANNEL_SYSTEM ? channel.displayName() + " (channel system)"
                : department + " (department system)";
    }

    /** e.g. {@code channel LIVELIHOOD}, {@code department civil-affairs} */
    String describe() {
        return kind == ClientKind.CHANNEL_SYSTEM ? "channel " + channel.name() : "department " + department;
    }
}
