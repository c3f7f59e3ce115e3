package cn.onenet.contracts.requests;

/**
 * Where the matter is: a community code, optionally the grid (网格) within it, a free address and optional
 * coordinates.
 */
public record Location(String community, String address, Double latitude, Double longitude, String grid) {

    public Location(String community, String address, Double latitude, Double longitude) {
        this(community, address, latitude, longitude, null);
    }
}
