package cn.onenet.identity.clients.web;

/** A request body that is no JSON object, so has no fields to check: answered 400, with what to send instead. */
class UnreadableBody extends RuntimeException {

    UnreadableBody(String reason) {
        super(reason);
    }
}
