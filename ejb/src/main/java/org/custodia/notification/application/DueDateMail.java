package org.custodia.notification.application;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.RegisterDueNotice;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.Tenants;

/** A due-date mail ({@link RegisterDueNotice}): the date shown as the end of that day in the tenant's zone. In the caller's transaction. */
@Stateless
@TenantScoped
public class DueDateMail {

    @Inject
    MailOutbox mail;

    @Inject
    CalendarSettings calendars;

    @Inject
    Tenants tenants;

    public ZoneId zone(@TenantId UUID tenantId) {
        return calendars.of(tenantId).timeZone();
    }

    /** Queues the mail to {@code to} (none: nothing is queued). */
    public void send(@TenantId UUID tenantId, List<String> to, MailType type, String reference, String title, LocalDate due,
                     URI consoleLink) {
        ZoneId zone = zone(tenantId);
        if (!to.isEmpty()) {
            RegisterDueNotice notice = new RegisterDueNotice(tenants.of(tenantId).name(), reference, title,
                    due.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1), consoleLink);
            mail.enqueueIfRenderable(tenantId, to, type, notice, null, zone);
        }
    }
}
