package cn.onenet.routing.reference;

import java.util.List;
import java.util.Optional;

/** Where reference data is kept. */
public interface ReferenceDataStore {

    List<Category> categories();

    List<Department> departments();

    List<Community> communities();

    boolean isEmpty();

    void saveAll(List<Category> categories, List<Department> departments, List<Community> communities);

    /** Adds or replaces the department with its code; answers the one it replaced. */
    Optional<Department> put(Department department);

    /** Adds or replaces the category with its code; answers the one it replaced. */
    Optional<Category> put(Category category);

    /** Adds or replaces the community with its code; answers the one it replaced. */
    Optional<Community> put(Community community);

    /** Appends to the reference data's audit trail. */
    void audit(ReferenceDataChange change);

    /** The latest changes, newest first. */
    List<ReferenceDataChange> auditTrail(String kind, String code, int limit);

    /** Sets the grids of a stored community (one atomic update). */
    void setGrids(String communityCode, List<Community.Grid> grids);
}
