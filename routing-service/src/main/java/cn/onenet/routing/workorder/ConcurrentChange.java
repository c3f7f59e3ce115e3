package cn.onenet.routing.workorder;

import java.util.UUID;

/** Someone else changed the order between our read and our write; the command is applied again. */
public class ConcurrentChange extends RuntimeException {

    public ConcurrentChange(UUID id) {
        super("Order " + id + " was changed concurrently");
    }
}
