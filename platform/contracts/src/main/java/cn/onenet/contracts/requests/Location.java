package cn.onenet.contracts.requests;

/** Where the matter is: a community code, a free address and optional coordinates. */
public record Location(String community, String address, Double latitude, Double longitude) {
}
