package cn.onenet.routing.reference;

import java.util.List;

/** Where reference data is kept. */
public interface ReferenceDataStore {

    List<Category> categories();

    List<Department> departments();

    List<Community> communities();

    boolean isEmpty();

    void saveAll(List<Category> categories, List<Department> departments, List<Community> communities);

    /** Sets the grids of a stored community (one atomic update). */
    void setGrids(String communityCode, List<Community.Grid> grids);
}
