package cn.onenet.platform.web;

import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** A JSON body that could not be read as it stands, with every field that is wrong in it (answered 400). */
public class UnreadableFields extends HttpMessageNotReadableException {

    private final List<FieldProblem> errors;

    UnreadableFields(List<FieldProblem> errors, HttpMessageNotReadableException first, HttpInputMessage input) {
        super(first.getMessage(), first.getCause(), input);
        this.errors = List.copyOf(errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
