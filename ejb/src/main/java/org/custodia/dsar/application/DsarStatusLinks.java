package org.custodia.dsar.application;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.dsar.domain.ClockHistory;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.infrastructure.DsarClockRepository;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.dsar.infrastructure.StatusTokenRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.context.PrivacyCenterUrl;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.Tenants;

/**
 * The link in the acknowledgement mail to the request's page in the privacy center: where the request stands and
 * when it is due, read as often as wanted until the link expires, and nothing the subject did not tell us or that
 * names a member of staff. The token goes in the URL's fragment ({@link PrivacyCenterUrl}); only its SHA-256 is
 * stored.
 */
@Stateless
@TenantScoped
public class DsarStatusLinks {

    public static final String TOKEN_PREFIX = "dss_";
    /** Long enough to see the answer arrive after the longest extension, and to appeal it. */
    static final Duration VALIDITY = Duration.ofDays(365);

    /** What the page shows; {@code answeredAt} null while unanswered. */
    public record SubjectView(String reference, String organisation, String type, String jurisdiction, String status,
                              Instant receivedAt, Instant dueAt, String timeZone, boolean extended, boolean paused,
                              Instant answeredAt) {
    }

    @Inject
    StatusTokenRepository tokens;

    @Inject
    DsarRepository requests;

    @Inject
    DsarClockRepository clocks;

    @Inject
    Tenants tenants;

    @Inject
    CalendarSettings calendars;

    /** A new link to the request's page, in the subject's language where the center speaks it. */
    public URI issue(@TenantId UUID tenantId, UUID dsarId, String language) {
        Instant now = StoredTime.now();
        String token = OpaqueToken.generate(TOKEN_PREFIX);
        tokens.add(OpaqueToken.hashOf(token), tenantId, dsarId, now, now.plus(VALIDITY));
        return PrivacyCenterUrl.page(tenants.of(tenantId).slug(), "status", language, token);
    }

    /** The request as its link shows it; empty once the link expired. */
    public Optional<SubjectView> view(@TenantId UUID tenantId, String tokenHash) {
        return tokens.find(tokenHash)
                .filter(t -> t.state().expiresAt().isAfter(StoredTime.now()))
                .flatMap(t -> requests.find(t.dsarId()))
                .map(request -> view(tenantId, request));
    }

    private SubjectView view(UUID tenantId, DsarRequest r) {
        ClockHistory clock = clocks.history(r.id());
        return new SubjectView(r.id().toString(), tenants.of(tenantId).name(), r.type().name(), r.jurisdiction().name(),
                r.status().name(), r.receivedAt(), r.dueAt(), calendars.of(tenantId).timeZone().getId(),
                clock.extension() != null, !clock.pauses().isEmpty(), r.answeredAt());
    }
}
