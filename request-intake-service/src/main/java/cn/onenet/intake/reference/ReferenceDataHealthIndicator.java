package cn.onenet.intake.reference;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Intake is not ready to accept until it knows the categories and communities to validate against. */
@Component("referenceData")
class ReferenceDataHealthIndicator extends AbstractHealthIndicator {

    private final ReferenceCatalog catalog;

    ReferenceDataHealthIndicator(ReferenceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (catalog.isLoaded()) {
            builder.up()
                .withDetail("categories", catalog.categoryCount())
                .withDetail("communities", catalog.communityCount())
                .withDetail("publishedAt", catalog.publishedAt().toString());
        }
        else {
            builder.outOfService().withDetail("reason", "no reference data snapshot read yet");
        }
    }
}
