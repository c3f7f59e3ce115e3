package cn.onenet.routing.reference;

import java.util.List;

/** Tells the other services the current categories and communities. */
public interface ReferenceDataPublisher {

    void publish(List<Category> categories, List<Community> communities);
}
