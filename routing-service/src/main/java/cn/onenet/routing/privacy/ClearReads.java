package cn.onenet.routing.privacy;

import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.pii.PersonalData;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.web.CorrelationId;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Opens a requester's sealed personal data for a caller whose work needs it, after the access audit has durably
 * recorded the read: no record, no clear data. Whether the caller may see the order at all is the caller's to check
 * first (an order they may not see answers 404, as one that doesn't exist).
 */
@Service
public class ClearReads {

    private static final Logger log = LoggerFactory.getLogger(ClearReads.class);

    private final AccessAudit audit;
    private final PersonalData personalData;
    private final Clock clock;
    private final MeterRegistry meters;

    ClearReads(AccessAudit audit, PersonalData personalData, Clock clock, MeterRegistry meters) {
        this.audit = audit;
        this.personalData = personalData;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The requester in clear, with the order's title and description as submitted where intake sealed them (it masked
     * numbers in them; {@code null} otherwise), and the audit record that names each field shown; refused unless
     * {@code needed}.
     */
    public Opened open(UUID orderId, String trackingNumber, Requester sealed, String titleSealed,
            String descriptionSealed, Caller caller, String reason, boolean needed) {
        if (!needed) {
            meters.counter("onenet.privacy.clear.reads", "outcome", "refused").increment();
            log.warn("Refused to show the requester of order {} in clear to {} (roles {}): their work doesn't need it",
                    orderId, caller.actor(), caller.roles());
            throw new ClearReadRefused("Personal data is shown in clear only to the department the order is dispatched to "
                    + "and to the operator who took the call; everyone else sees it masked.");
        }
        Requester clear = sealed == null ? new Requester(null, null, null)
                : new Requester(sealed.name(), personalData.open(sealed.phone()), personalData.open(sealed.idNumber()));
        List<String> fields = new ArrayList<>();
        if (clear.name() != null) {
            fields.add("name");
        }
        if (clear.phone() != null) {
            fields.add("phone");
        }
        if (clear.idNumber() != null) {
            fields.add("idNumber");
        }
        String title = personalData.open(titleSealed);
        if (title != null) {
            fields.add("title");
        }
        String description = personalData.open(descriptionSealed);
        if (description != null) {
            fields.add("description");
        }
        PersonalDataAccess access = new PersonalDataAccess(UUID.randomUUID(), clock.instant(), caller.actor(),
                caller.clientId(), caller.roles().stream().map(Enum::name).sorted().toList(), caller.department(),
                orderId, trackingNumber, fields, reason, CorrelationId.current());
        audit.append(access);
        meters.counter("onenet.privacy.clear.reads", "outcome", "shown").increment();
        log.info("Showed {} of order {} in clear to {} (audit record {})", fields, orderId, caller.actor(), access.id());
        return new Opened(clear, title, description, access);
    }

    /** What was shown: {@code title} and {@code description} are {@code null} where nothing of them was sealed. */
    public record Opened(Requester requester, String title, String description, PersonalDataAccess access) {
    }
}
