package org.custodia.dsar.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.dsar.domain.ClockHistory;
import org.custodia.dsar.domain.ControllerCalendar;
import org.custodia.dsar.domain.DsarDeadlinePolicy;
import org.custodia.dsar.domain.DsarDeadlinePolicy.Decision;
import org.custodia.dsar.domain.DsarDeadlinePolicy.Granted;
import org.custodia.dsar.domain.DsarDeadlinePolicy.Refused;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.DsarSchedule;
import org.custodia.dsar.domain.DsarType;
import org.custodia.dsar.domain.Jurisdiction;
import org.custodia.dsar.domain.RequestClock;
import org.custodia.dsar.domain.ScheduledTimers;
import org.custodia.dsar.infrastructure.DeadlineTimers;
import org.custodia.dsar.infrastructure.DsarClockRepository;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.domain.TenantCalendar;

/**
 * A request's clock: its schedule at intake, its one extension and its pauses as the law decides them
 * ({@link DsarDeadlinePolicy}), each moving the request's dates, the process variables, the pending timer
 * jobs and open tasks in the caller's transaction (a failure anywhere leaves nothing moved). A refusal is a
 * problem naming the fact it turns on and the legal reason, and writes nothing.
 */
@Stateless
@TenantScoped
public class DsarDeadlines {

    /** What intake sets: the legal deadline, the timers around it, the acknowledgement due (null: none in law). */
    public record Intake(DsarDeadlinePolicy.Deadline deadline, DsarSchedule schedule, Instant acknowledgeBy) {
    }

    /** The clock as the request view shows it: the facts that moved it and the timers the engine holds. */
    public record Clock(ClockHistory history, ScheduledTimers timers) {
    }

    /** The longest extension reason stored (the column's limit). */
    static final int MAX_REASON = 2000;

    @Inject
    DsarRepository requests;

    @Inject
    DsarClockRepository clocks;

    @Inject
    DsarSlaSettings sla;

    @Inject
    CalendarSettings calendars;

    @Inject
    DeadlineTimers timers;

    @Inject
    AuditTrail audit;

    @Inject
    DsarEvents dsarEvents;

    public Intake atIntake(@TenantId UUID tenantId, DsarType type, Jurisdiction jurisdiction, Instant receivedAt) {
        ControllerCalendar calendar = calendarOf(tenantId);
        DsarDeadlinePolicy.Deadline deadline = DsarDeadlinePolicy.deadline(jurisdiction, type, RequestClock.receivedAt(receivedAt), calendar);
        return new Intake(deadline, DsarSchedule.of(deadline, receivedAt, sla.timingFor(tenantId, type)),
                DsarDeadlinePolicy.acknowledgementDue(jurisdiction, type, receivedAt, calendar).orElse(null));
    }

    public Clock clockOf(@TenantId UUID tenantId, UUID dsarId) {
        DsarRequest request = requests.find(dsarId).orElseThrow(() -> ProblemException.notFound("DSAR " + dsarId));
        return new Clock(clocks.history(dsarId), timers.scheduled(tenantId, request.processInstanceId()));
    }

    /** One extension, decided by the caller and told to the subject at {@code noticeSentAt}. */
    public DsarRequest extend(Actor actor, UUID dsarId, String reason, Instant noticeSentAt) {
        List<FieldError> errors = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "is required: the reason the subject was told"));
        } else if (reason.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
        Instant now = StoredTime.now();
        if (noticeSentAt == null) {
            errors.add(new FieldError("noticeSentAt", "is required: when the subject was told of the extension"));
        } else if (noticeSentAt.isAfter(now.plusSeconds(60))) {
            errors.add(new FieldError("noticeSentAt", "must not be in the future: the notice is sent before the extension is recorded"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        DsarRequest request = requests.findForUpdate(dsarId).orElseThrow(() -> ProblemException.notFound("DSAR " + dsarId));
        requireOpen(request);
        if (now.isAfter(request.dueAt())) {
            throw ProblemException.invalid("noticeSentAt", "the deadline passed on " + request.lastDay()
                    + ": an extension is decided and recorded before the due date it extends");
        }
        if (noticeSentAt.isBefore(request.receivedAt())) {
            throw ProblemException.invalid("noticeSentAt", "must not be before the request was received (" + request.receivedAt() + ")");
        }
        ControllerCalendar calendar = calendarOf(actor.tenantId());
        RequestClock clock = clocks.history(dsarId).clock(request.receivedAt());
        Decision decision = DsarDeadlinePolicy.extend(request.jurisdiction(), request.type(), clock,
                new RequestClock.Extension(reason, noticeSentAt, actor.principal()), calendar);
        DsarSchedule before = request.schedule();
        DsarSchedule after = apply(actor.tenantId(), request, decision);
        clocks.addExtension(actor.tenantId(), dsarId, new ClockHistory.RecordedExtension(reason, noticeSentAt,
                actor.principal(), now, before.dueAt(), after.dueAt()));
        Map<String, Object> payload = moved(request, before, after);
        payload.put("noticeSentAt", noticeSentAt.toString());
        audit.append(actor, "dsar.extended", "dsar", dsarId.toString(), payload);
        dsarEvents.publish(actor.tenantId(), "dsar.extended", dsarId, payload);
        return request;
    }

    /**
     * A time the clock stood still: from the day the controller asked for identity or clarification until the
     * day the information arrived (dates in the tenant's zone). Both are required: a pause is recorded once
     * the information has arrived.
     */
    public DsarRequest pause(Actor actor, UUID dsarId, LocalDate askedOn, LocalDate arrivedOn) {
        List<FieldError> errors = new ArrayList<>();
        if (askedOn == null) {
            errors.add(new FieldError("askedOn", "is required: the day the controller asked for identity or clarification"));
        }
        if (arrivedOn == null) {
            errors.add(new FieldError("arrivedOn", "is required: the day the information arrived"));
        }
        DsarRequest request = requests.findForUpdate(dsarId).orElseThrow(() -> ProblemException.notFound("DSAR " + dsarId));
        requireOpen(request);
        ControllerCalendar calendar = calendarOf(actor.tenantId());
        LocalDate today = StoredTime.now().atZone(calendar.zone()).toLocalDate();
        if (askedOn != null && arrivedOn != null && arrivedOn.isBefore(askedOn)) {
            errors.add(new FieldError("arrivedOn", "must not be before askedOn"));
        }
        if (arrivedOn != null && arrivedOn.isAfter(today)) {
            errors.add(new FieldError("arrivedOn", "must not be after today (" + today + " in " + calendar.zone()
                    + "): a pause is recorded once the information has arrived"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        RequestClock clock = clocks.history(dsarId).clock(request.receivedAt());
        Decision decision = DsarDeadlinePolicy.stopTheClock(request.jurisdiction(), request.type(), clock,
                new RequestClock.Pause(askedOn, arrivedOn), calendar);
        DsarSchedule before = request.schedule();
        DsarSchedule after = apply(actor.tenantId(), request, decision);
        clocks.addPause(actor.tenantId(), dsarId, new ClockHistory.RecordedPause(askedOn, arrivedOn, actor.principal(),
                StoredTime.now(), before.dueAt(), after.dueAt()));
        Map<String, Object> payload = moved(request, before, after);
        payload.put("askedOn", askedOn.toString());
        payload.put("arrivedOn", arrivedOn.toString());
        audit.append(actor, "dsar.paused", "dsar", dsarId.toString(), payload);
        dsarEvents.publish(actor.tenantId(), "dsar.paused", dsarId, payload);
        return request;
    }

    /** An answered, refused or handed-over request keeps the deadline it ended with. */
    private static void requireOpen(DsarRequest request) {
        if (request.status().ended()) {
            throw ProblemException.conflict("status", "the request has ended (" + request.status() + "): its deadline no longer moves");
        }
    }

    /** A granted decision reschedules the request and moves its timers; a refused one is a problem, nothing written. */
    private DsarSchedule apply(UUID tenantId, DsarRequest request, Decision decision) {
        if (decision instanceof Refused refused) {
            throw ProblemException.invalid(refused.field(), refused.legalReason());
        }
        Granted granted = (Granted) decision;
        DsarSchedule schedule = DsarSchedule.of(granted.deadline(), request.receivedAt(), sla.timingFor(tenantId, request.type()));
        request.reschedule(schedule);
        timers.move(tenantId, request.processInstanceId(), schedule);
        return schedule;
    }

    private static Map<String, Object> moved(DsarRequest request, DsarSchedule before, DsarSchedule after) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("jurisdiction", request.jurisdiction().name());
        payload.put("oldDueAt", before.dueAt().toString());
        payload.put("newDueAt", after.dueAt().toString());
        payload.put("oldLastDay", String.valueOf(before.lastDay()));
        payload.put("newLastDay", after.lastDay().toString());
        return payload;
    }

    /** The tenant's calendar as the deadline policy reads it: zone, public holidays, its published period and choice. */
    private ControllerCalendar calendarOf(UUID tenantId) {
        TenantCalendar stated = calendars.of(tenantId);
        return new ControllerCalendar(stated.timeZone(), CalendarSettings.holidaysOf(stated), stated.publishedResponseDays(),
                stated.stopTheClockWhereLawIsSilent());
    }
}
