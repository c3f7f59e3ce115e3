package cn.onenet.routing.reference;

/** A community (社区) of the district, with its street and the committee that serves it. */
public record Community(String code, String name, String nameEn, String street, String committee) {
}
