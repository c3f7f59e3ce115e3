package cn.onenet.identity.clients;

import java.util.Locale;

/** Where a machine client comes from: the demo directory of the local stack, or an administrator. */
public enum ClientSource {

    DEMO,
    ADMIN;

    /** as the API shows it: {@code demo}, {@code admin} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
