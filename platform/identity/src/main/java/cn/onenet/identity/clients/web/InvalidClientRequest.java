package cn.onenet.identity.clients.web;

import java.util.List;

/** A request to add a client with invalid fields: answered 400, every field listed. */
class InvalidClientRequest extends RuntimeException {

    private final List<FieldProblem> errors;

    InvalidClientRequest(List<FieldProblem> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    List<FieldProblem> errors() {
        return errors;
    }
}
