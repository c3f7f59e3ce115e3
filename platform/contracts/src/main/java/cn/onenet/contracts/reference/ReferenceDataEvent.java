package cn.onenet.contracts.reference;

import java.util.UUID;

/** The family of events on {@link cn.onenet.contracts.Topics#REFERENCE_DATA}. */
public sealed interface ReferenceDataEvent permits ReferenceDataPublished {

    UUID eventId();
}
