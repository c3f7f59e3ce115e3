package cn.onenet.identity.departments;

/** The department list could not be read (routing unreachable, too slow, refusing, or answering no list). */
public class DepartmentsUnavailable extends RuntimeException {

    DepartmentsUnavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
