package org.custodia.dsar.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.IsoDuration;
import org.custodia.dsar.infrastructure.DiscoveryRepository;
import org.custodia.dsar.infrastructure.ResponsePackageRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Storage limitation for answers (GDPR Art. 5(1)(e)): a compiled package and the discovery results it was built from
 * copy the subject's data, so once the request has ended and no download link of it is open, both are deleted the
 * tenant's {@code packageRetention} after the later of compilation and the last link's use or expiry. Hashes, sizes and
 * row counts stay, and each purge is an audit event, so what was answered can still be proven. An answer delivered by
 * hand (no link) counts from compilation: staff have the retention to hand it over.
 */
@Stateless
@TenantScoped
public class DsarPackageRetention {

    static final String ACTOR = "package-retention";
    /** Packages per tenant and round: a large backlog drains over several rounds, each transaction stays short. */
    static final int PER_ROUND = 500;
    private static final List<String> ENDED = Arrays.stream(DsarRequest.Status.values())
            .filter(DsarRequest.Status::ended).map(Enum::name).toList();

    @Inject
    ResponsePackageRepository packages;

    @Inject
    DiscoveryRepository discovery;

    @Inject
    DsarIntakeSettings settings;

    @Inject
    AuditTrail audit;

    /** One tenant's round, in a transaction of its own; whether anything was purged. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean purgeDue(@TenantId UUID tenantId) {
        Instant now = StoredTime.now();
        Duration retention = settings.of(tenantId).packageRetention();
        List<UUID> due = packages.purgeable(now.minus(retention), now, ENDED, PER_ROUND);
        Actor actor = Actor.system(tenantId, ACTOR, null);
        for (UUID dsarId : due) {
            packages.purge(dsarId, now);
            int results = discovery.forgetData(dsarId);
            audit.append(actor, "dsar.package.purged", "dsar", dsarId.toString(),
                    Map.of("retention", IsoDuration.text(retention), "discoveryResultsCleared", results));
        }
        return !due.isEmpty();
    }
}
