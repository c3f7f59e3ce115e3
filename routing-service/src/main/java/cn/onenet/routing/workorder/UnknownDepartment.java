package cn.onenet.routing.workorder;

/** A dispatcher named a department that does not exist. */
public class UnknownDepartment extends RuntimeException {

    private final String field;

    public UnknownDepartment(String field, String code) {
        super("No department " + code + " (see GET /api/v1/departments)");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
