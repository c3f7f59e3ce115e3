package cn.onenet.identity.clients.web;

/** One invalid field of a request, as listed in a 400 Problem Details body under {@code errors}. */
record FieldProblem(String field, String message) {
}
