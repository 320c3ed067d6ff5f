package org.custodia.notification.application;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.RegisterDueNotice;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.Tenants;

/**
 * Due-date reminders ({@link RegisterDueNotice}) for the items a {@link DueDateRound} claimed: each mailed to whoever
 * answers for it, the date shown as the end of that day in the tenant's zone, and audited on the item. In the caller's
 * transaction.
 */
@Stateless
@TenantScoped
public class DueDateMail {

    @Inject
    MailOutbox mail;

    @Inject
    CalendarSettings calendars;

    @Inject
    Tenants tenants;

    @Inject
    AuditTrail audit;

    public ZoneId zone(@TenantId UUID tenantId) {
        return calendars.of(tenantId).timeZone();
    }

    /** Something with a date: its id (audited on, linked to), reference, title, owner, date, whether passed, audit facts. */
    public record DueItem(UUID id, String reference, String title, UUID ownerId, LocalDate due, boolean overdue, Map<String, Object> facts) {
    }

    /**
     * What kind of item: its two mails, where the console shows it ({@code consolePath} + id), what the audit calls it and
     * its events ({@code <eventPrefix>.reminded} / {@code .overdue}), and who acts.
     */
    public record Kind(MailType dueMail, MailType overdueMail, String consolePath, String entityType, String eventPrefix, String actor) {
    }

    /** Mails and audits each item; {@code recipients}: whom to mail for an owner (null: none). How many items. */
    public int remind(@TenantId UUID tenantId, List<DueItem> items, Kind kind, Function<UUID, List<String>> recipients) {
        if (items.isEmpty()) {
            return 0;
        }
        ZoneId zone = zone(tenantId);
        String tenantName = tenants.of(tenantId).name();
        for (DueItem item : items) {
            List<String> to = recipients.apply(item.ownerId());
            queue(tenantId, tenantName, zone, to, item.overdue() ? kind.overdueMail() : kind.dueMail(), item.reference(), item.title(),
                    item.due(), URI.create(PublicUrl.base() + kind.consolePath() + item.id()));
            Map<String, Object> facts = new LinkedHashMap<>(item.facts());
            facts.put("reference", item.reference());
            facts.put("due", item.due().toString());
            facts.put("recipients", to.size());
            audit.append(Actor.system(tenantId, kind.actor(), null), kind.eventPrefix() + (item.overdue() ? ".overdue" : ".reminded"),
                    kind.entityType(), item.id().toString(), facts);
        }
        return items.size();
    }

    private void queue(UUID tenantId, String tenantName, ZoneId zone, List<String> to, MailType type, String reference, String title,
                       LocalDate due, URI consoleLink) {
        if (!to.isEmpty()) {
            RegisterDueNotice notice = new RegisterDueNotice(tenantName, reference, title, due.plusDays(1).atStartOfDay(zone).toInstant()
                    .minusSeconds(1), consoleLink);
            mail.enqueueIfRenderable(tenantId, to, type, notice, null, zone);
        }
    }
}
