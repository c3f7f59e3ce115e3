package cn.onenet.platform.web;

/** One invalid field of a request, as listed in a 400 Problem Details body under {@code errors}. */
public record FieldProblem(String field, String message) {
}
