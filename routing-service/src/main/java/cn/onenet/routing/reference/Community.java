package cn.onenet.routing.reference;

import java.util.List;

/**
 * A community (社区) of the district, with its street, the committee that serves it and its grids (网格), the
 * smallest unit of community governance, each with its grid worker.
 */
public record Community(String code, String name, String nameEn, String street, String committee, List<Grid> grids) {

    public Community {
        grids = grids == null ? List.of() : List.copyOf(grids);
    }

    /** A grid (网格) of a community. */
    public record Grid(String code, String name) {
    }

    public boolean hasGrid(String code) {
        return grids.stream().anyMatch(grid -> grid.code().equals(code));
    }
}
