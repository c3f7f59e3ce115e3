package cn.onenet.routing.privacy;

import cn.onenet.platform.security.CallerForbidden;

/** The caller may see the order, but their work doesn't need its requester's personal data in clear: 403. */
public class ClearReadRefused extends CallerForbidden {

    public ClearReadRefused(String message) {
        super(message);
    }
}
