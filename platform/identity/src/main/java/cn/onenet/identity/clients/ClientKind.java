package cn.onenet.identity.clients;

import cn.onenet.contracts.security.Role;

/** What a machine client is: a channel system or a department system, each with the role its tokens carry. */
public enum ClientKind {

    CHANNEL_SYSTEM(Role.CHANNEL_SYSTEM),
    DEPARTMENT_SYSTEM(Role.DEPARTMENT_SYSTEM);

    private final Role role;

    ClientKind(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }
}
