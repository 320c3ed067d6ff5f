package org.custodia.tenancy.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.domain.HolidayCalendar;
import org.custodia.tenancy.domain.TenantCalendar;
import org.custodia.tenancy.infrastructure.JollydayHolidayCalendar;
import org.custodia.tenancy.infrastructure.TenantSettingsRepository;

/** A tenant's calendar as controller: the time zone and public holidays its legal deadlines are counted in. */
@Stateless
@TenantScoped
public class CalendarSettings {

    @Inject
    TenantSettingsRepository settings;

    @Inject
    AuditTrail audit;

    public TenantCalendar of(@TenantId UUID tenantId) {
        return settings.calendar().orElse(TenantCalendar.DEFAULT);
    }

    /** Choices left out (null) take their defaults: 90 published days, no stop-the-clock where the law is silent. */
    public TenantCalendar update(Actor actor, String timeZone, String country, String subdivision,
                                 Integer publishedResponseDays, Boolean stopTheClockWhereLawIsSilent) {
        List<FieldError> problems = new ArrayList<>(TenantCalendar.problems(timeZone, country, subdivision));
        if (problems.isEmpty()) {
            problems.addAll(holidaysKnown(TenantCalendar.of(timeZone, country, subdivision)));
        }
        problems.addAll(TenantCalendar.choiceProblems(publishedResponseDays));
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        TenantCalendar calendar = TenantCalendar.of(timeZone, country, subdivision)
                .withChoices(publishedResponseDays, stopTheClockWhereLawIsSilent);
        settings.saveCalendar(actor.tenantId(), calendar, StoredTime.now());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("timeZone", calendar.timeZone().getId());
        payload.put("country", calendar.country() == null ? "" : calendar.country());
        payload.put("subdivision", calendar.subdivision() == null ? "" : calendar.subdivision());
        payload.put("publishedResponseDays", calendar.publishedResponseDays());
        payload.put("stopTheClockWhereLawIsSilent", calendar.stopTheClockWhereLawIsSilent());
        audit.append(actor, "settings.calendar_updated", "tenant", actor.tenantId().toString(), payload);
        return calendar;
    }

    /** The public holidays of a stated calendar's country and subdivision (none when it states no country). */
    public static HolidayCalendar holidaysOf(TenantCalendar calendar) {
        return calendar.country() == null ? HolidayCalendar.NONE
                : JollydayHolidayCalendar.of(calendar.country(), calendar.subdivision());
    }

    /** A country or subdivision is accepted only when its public holidays are known (else deadlines would ignore them). */
    private static List<FieldError> holidaysKnown(TenantCalendar calendar) {
        try {
            holidaysOf(calendar);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(JollydayHolidayCalendar.supported(calendar.country())
                    ? new FieldError("subdivision", "is not a subdivision of " + calendar.country()
                            + " with a public-holiday calendar in Custodia")
                    : new FieldError("country", "has no public-holiday calendar in Custodia"));
        }
    }
}
