package cn.onenet.routing.reference;

/** A department (承办单位) that work orders are dispatched to. */
public record Department(String code, String name, String nameEn, String kind) {
}
