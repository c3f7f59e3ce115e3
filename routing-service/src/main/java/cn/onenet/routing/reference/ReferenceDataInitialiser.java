package cn.onenet.routing.reference;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Loads reference data before any listener starts, so the first order already finds its category. */
@Component
class ReferenceDataInitialiser implements SmartInitializingSingleton {

    private final ReferenceData referenceData;

    ReferenceDataInitialiser(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    @Override
    public void afterSingletonsInstantiated() {
        referenceData.initialise();
    }
}
