package cn.onenet.contracts.requests;

/** Who asked. Personal data: never log it in clear. */
public record Requester(String name, String phone) {
}
