package org.custodia.consent.application;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.consent.domain.ConsentCheck;
import org.custodia.consent.domain.ConsentDecision;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.ConsentState;
import org.custodia.consent.infrastructure.ConsentManageTokenRepository;
import org.custodia.consent.infrastructure.ConsentStateRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.notification.application.MailOutbox;
import org.custodia.notification.domain.ConsentLink;
import org.custodia.notification.domain.MailType;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PrivacyCenterUrl;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.Tenants;
import org.custodia.tenancy.domain.Tenant;

/**
 * A data subject's consents through a link mailed to their address (the privacy center's "your consents"): the link
 * names the address's blind index, so it opens the consents of every subject id the organisation recorded with that
 * address, each purpose in the subject's language, and withdraws in one click. A Global Privacy Control signal on
 * the page opts the person out of every purpose that honours it (11 CCR §7025: a known consumer, no extra step).
 * Whoever holds the address may ask; the link goes only to that address, at most once per {@link #COOL_DOWN} and
 * {@link #PER_DAY} times a day. Reads and writes of the consents run on the transaction's own connection and throw
 * nothing checked, so a failure part-way (after a GPC opt-out was recorded, say) rolls the whole call back.
 */
@Stateless
@TenantScoped
public class ConsentManageLinks {

    public static final String TOKEN_PREFIX = "dsc_";
    static final Duration VALIDITY = Duration.ofHours(24);
    static final Duration COOL_DOWN = Duration.ofMinutes(10);
    static final int PER_DAY = 3;
    static final String ACTOR = "subject:consent-link";

    /** One purpose as the person sees it: their state across their ids, and the current notice in their language. */
    /** {@code noticeVersion} and its text: the version the person decided on, else the current one. */
    public record PurposeView(String purpose, String name, String text, String textLanguage, Integer noticeVersion,
                              boolean honoursGpc, boolean allowed, String reason, Instant decidedAt, Instant expiresAt) {
    }

    /** The page: the organisation, the purposes decided on, and those a GPC signal opted out of just now. */
    public record ConsentsView(String organisation, String timeZone, List<PurposeView> purposes, List<String> gpcRecorded) {
    }

    @Inject
    ConsentManageTokenRepository tokens;

    @Inject
    ConsentSubjects subjects;

    @Inject
    ConsentService consents;

    @Inject
    ConsentNotices notices;

    @Inject
    ConsentStateRepository states;

    @Inject
    ConsentLedger ledger;

    @Inject
    MailOutbox mail;

    @Inject
    Tenants tenants;

    @Inject
    CalendarSettings calendars;

    @Inject
    AuditTrail audit;

    /**
     * Mails a link when the address has consents recorded and it got no link within the cool-down nor
     * {@link #PER_DAY} in the last day; whether one was sent (the caller answers alike either way). Requests for one
     * address take turns (a transaction lock on its index), so two at once cannot both mail.
     */
    public boolean mail(@TenantId UUID tenantId, String email, String language, String requestId) {
        String index = subjects.indexOf(tenantId, email);
        tokens.lockIndex(index);
        Instant now = StoredTime.now();
        if (subjects.byIndex(tenantId, index).isEmpty() || tokens.issuedSince(index, now.minus(COOL_DOWN)) > 0
                || tokens.issuedSince(index, now.minus(Duration.ofDays(1))) >= PER_DAY) {
            return false;
        }
        String token = OpaqueToken.generate(TOKEN_PREFIX);
        String tokenHash = OpaqueToken.hashOf(token);
        Instant expiresAt = now.plus(VALIDITY);
        tokens.add(tokenHash, tenantId, index, now, expiresAt);
        Tenant tenant = tenants.of(tenantId);
        URI link = PrivacyCenterUrl.page(tenant.slug(), "consents", language, token);
        mail.enqueue(tenantId, email.strip(), MailType.CONSENT_LINK, new ConsentLink(tenant.name(), link, expiresAt), language,
                calendars.of(tenantId).timeZone());
        // named by a part of its token's hash: random, so the chain keeps no lasting pseudonym of the address
        audit.append(new Actor(tenantId, ACTOR, requestId), "consent.manage_link.sent", "consent_manage_link",
                tokenHash.substring(0, 16), Map.of("expiresAt", expiresAt.toString()));
        return true;
    }

    /** Forgets the links that expired more than a day ago (their rows name an address's index); how many. */
    public int forgetExpired(@TenantId UUID tenantId) {
        return tokens.deleteExpired(StoredTime.now().minus(Duration.ofDays(1)));
    }

    /** The consents the link opens; empty when it expired. A GPC signal is recorded first, as an opt-out. */
    public Optional<ConsentsView> view(@TenantId UUID tenantId, String tokenHash, String language, boolean gpc, String requestId) {
        Optional<List<String>> ids = subjectsOf(tenantId, tokenHash);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Actor actor = new Actor(tenantId, ACTOR, requestId);
        List<PurposeView> shown = new ArrayList<>();
        List<String> gpcRecorded = new ArrayList<>();
        for (ConsentPurpose purpose : consents.purposes(tenantId)) {
            if (gpc && purpose.details().honoursGpc() && optOutByGpc(actor, ids.get(), purpose)) {
                gpcRecorded.add(purpose.key());
            }
            PurposeView view = view(actor, ids.get(), purpose, language);
            if (view.decidedAt() != null) {
                shown.add(view);
            }
        }
        return Optional.of(new ConsentsView(tenants.of(tenantId).name(), calendars.of(tenantId).timeZone().getId(), shown,
                gpcRecorded));
    }

    /** Withdraws the purpose for every id of the address that holds a grant; the purpose as it is afterwards. */
    public Optional<PurposeView> withdraw(@TenantId UUID tenantId, String tokenHash, String purposeKey, String language,
                                          String requestId) {
        Optional<List<String>> ids = subjectsOf(tenantId, tokenHash);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        ConsentPurpose purpose = consents.purpose(tenantId, purposeKey);
        if (purpose == null) {
            throw ProblemException.notFound("Purpose '" + purposeKey + "'");
        }
        Actor actor = new Actor(tenantId, ACTOR, requestId);
        for (String subject : ids.get()) {
            if (state(tenantId, purpose, subject).decision() == ConsentDecision.GRANTED) {
                ledger.record(actor, new ConsentLedger.Recording(subject, purpose.key(), ConsentDecision.WITHDRAWN, "web",
                        null, null, null, null, false));
            }
        }
        return Optional.of(view(actor, ids.get(), purpose, language));
    }

    private Optional<List<String>> subjectsOf(UUID tenantId, String tokenHash) {
        return tokens.find(tokenHash).filter(l -> l.expiresAt().isAfter(StoredTime.now()))
                .map(l -> subjects.byIndex(tenantId, l.emailIndex()));
    }

    /** Records the signal for each id not yet opted out by it; whether any was. */
    private boolean optOutByGpc(Actor actor, List<String> ids, ConsentPurpose purpose) {
        boolean recorded = false;
        for (String subject : ids) {
            if (!state(actor.tenantId(), purpose, subject).gpcOptOut()) {
                ledger.recordGpcOptOut(actor, subject, purpose.key());
                recorded = true;
            }
        }
        return recorded;
    }

    /**
     * Allowed when any id is; otherwise the latest decision among them (none for an address whose ids moved to
     * another since the link was mailed). Read from the projection on this transaction's connection, not the check
     * cache, which learns of this transaction's decisions at its commit.
     */
    private PurposeView view(Actor actor, List<String> ids, ConsentPurpose purpose, String language) {
        List<ConsentCheck> answers = new ArrayList<>();
        Instant now = Instant.now();
        for (String subject : ids) {
            answers.add(ConsentCheck.evaluate(purpose.rules(), subject, state(actor.tenantId(), purpose, subject), now, false));
        }
        Optional<ConsentCheck> shown = answers.stream().filter(ConsentCheck::allowed).findFirst()
                .or(() -> answers.stream().filter(a -> a.recordedAt() != null).max(Comparator.comparing(ConsentCheck::recordedAt)));
        Integer version = shown.map(ConsentCheck::noticeVersion).orElse(purpose.noticeVersion());
        Map.Entry<String, String> text = notices.text(actor.tenantId(), purpose, version, language).orElse(null);
        return new PurposeView(purpose.key(), purpose.details().names().getOrDefault(language, purpose.name()),
                text == null ? purpose.description() : text.getValue(), text == null ? null : text.getKey(), text == null ? null : version,
                purpose.details().honoursGpc(), shown.map(ConsentCheck::allowed).orElse(false),
                shown.map(c -> c.reason().name()).orElse(ConsentCheck.Reason.NOT_GRANTED.name()),
                shown.map(ConsentCheck::recordedAt).orElse(null), shown.map(ConsentCheck::expiresAt).orElse(null));
    }

    private ConsentState state(UUID tenantId, ConsentPurpose purpose, String subject) {
        try {
            return states.current(tenantId, purpose.id(), subject);
        } catch (SQLException e) {
            throw new IllegalStateException("the consent projection could not be read", e);
        }
    }
}
