package cn.onenet.gateway.problem;

/**
 * A field of a request the gateway refuses (a header, for the gateway), listed under a problem's {@code errors} as
 * the services list theirs.
 */
record InvalidField(String field, String message) {
}
