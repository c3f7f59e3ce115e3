package cn.onenet.platform.security;

/** The caller may not do this; answered with 403 Problem Details carrying the message as detail. */
public class CallerForbidden extends RuntimeException {

    public CallerForbidden(String message) {
        super(message);
    }
}
