package org.custodia.ropa.application;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.application.UserService;
import org.custodia.identity.domain.UserAccount;
import org.custodia.notification.application.MailOutbox;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.RegisterReviewNotice;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository;
import org.custodia.ropa.infrastructure.ProcessingActivityRepository.ReviewDue;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.application.Tenants;

/**
 * Reminds owners of the register's entries of their review dates: {@link #AHEAD} before the date, and once it has
 * passed, one mail each per date (a new review date starts over), in the tenant's time zone. An entry without an
 * owner (or whose owner cannot be mailed) reminds the tenant's APPROVERs. Audited per entry.
 */
@Stateless
@TenantScoped
public class RegisterReviewReminders {

    /** How long before its review date an owner is reminded. */
    public static final int AHEAD = 14;

    static final int PER_ROUND = 500;

    @Inject
    ProcessingActivityRepository activities;

    @Inject
    UserService users;

    @Inject
    MailOutbox mail;

    @Inject
    CalendarSettings calendars;

    @Inject
    Tenants tenants;

    @Inject
    AuditTrail audit;

    /** One round for the tenant: how many reminders were queued. */
    public int remindDue(@TenantId UUID tenantId) {
        ZoneId zone = calendars.of(tenantId).timeZone();
        LocalDate today = LocalDate.now(zone);
        List<ReviewDue> due = activities.claimReviewsDue(today, today.plusDays(AHEAD), PER_ROUND);
        if (due.isEmpty()) {
            return 0;
        }
        List<UserAccount> people = users.list(tenantId);
        List<String> approvers = people.stream().filter(u -> "APPROVER".equals(u.role()) && u.reachableByMail()).map(UserAccount::email).toList();
        String tenantName = tenants.of(tenantId).name();
        Actor system = Actor.system(tenantId, "register-review", null);
        for (ReviewDue d : due) {
            List<String> to = people.stream().filter(u -> u.id().equals(d.ownerId()) && u.reachableByMail()).map(UserAccount::email).toList();
            if (to.isEmpty()) {
                to = approvers;
            }
            RegisterReviewNotice notice = new RegisterReviewNotice(tenantName, d.reference(), d.name(),
                    d.reviewDue().plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1),
                    URI.create(PublicUrl.base() + "/console/ropa/activities/" + d.id()));
            if (!to.isEmpty()) {
                mail.enqueueIfRenderable(tenantId, to, d.overdue() ? MailType.ROPA_REVIEW_OVERDUE : MailType.ROPA_REVIEW_DUE, notice, null, zone);
            }
            audit.append(system, d.overdue() ? "ropa.review.overdue" : "ropa.review.reminded", "processing_activity", d.id().toString(),
                    Map.of("reference", d.reference(), "reviewDue", d.reviewDue().toString(), "recipients", to.size()));
        }
        return due.size();
    }
}
