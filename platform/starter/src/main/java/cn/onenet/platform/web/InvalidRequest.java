package cn.onenet.platform.web;

import java.util.List;

/** Fields that are each valid alone but not together (or against a rule of the call): answered 400. */
public class InvalidRequest extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidRequest(List<FieldProblem> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
