package cn.onenet.contracts.requests;

/**
 * Who asked. Personal data: never log it in clear. On the log and at rest {@code phone} and {@code idNumber} are
 * sealed ({@code pii:v1:…}); only intake ever sees them in clear, and a clear read in routing is audited.
 *
 * @param name the caller's name
 * @param phone a mobile or landline number
 * @param idNumber the resident ID number (居民身份证号), optional: only when the matter needs it
 */
public record Requester(String name, String phone, String idNumber) {

    /** A requester without an ID number (most requests, and every event written before ID numbers were taken). */
    public Requester(String name, String phone) {
        this(name, phone, null);
    }
}
