package org.custodia.dsar.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A data subject request, its legal deadline and the step of dsar.bpmn it is in. The process moves it: each
 * step is one method here, refused once the request has ended. A deadline breach is a flag, not a status: a
 * breached request still moves on.
 */
@Entity
@Table(schema = "app", name = "dsar_request")
public class DsarRequest {

    public enum Status {
        /** Recorded; the process has not run its first step yet. */
        RECEIVED,
        /** Waiting for the subject to confirm their email or for the document check. */
        AWAITING_IDENTITY,
        /** Identity verified and acknowledged: discovery and the response package. */
        IN_PROGRESS,
        /** The package waits for the DPO's review. */
        IN_REVIEW,
        /** The response was released to the subject (closing follows). */
        DELIVERED,
        /** Answered; ended. */
        CLOSED,
        /** Refused as manifestly unfounded or excessive, with a notice; ended. */
        REFUSED,
        /** An approved erasure, now the erasure process's; ended here. */
        HANDED_OVER_TO_ERASURE,
        /** The subject never proved their identity; ended without an answer. */
        IDENTITY_NOT_CONFIRMED;

        public boolean ended() {
            return this == CLOSED || this == REFUSED || this == HANDED_OVER_TO_ERASURE || this == IDENTITY_NOT_CONFIRMED;
        }
    }

    @Id @Column(name = "id") private UUID id;
    @Column(name = "tenant_id") private UUID tenantId;
    @Enumerated(EnumType.STRING) @Column(name = "request_type") private DsarType type;
    @Enumerated(EnumType.STRING) @Column(name = "jurisdiction") private Jurisdiction jurisdiction;
    @Column(name = "subject_id") private String subjectId;
    @Column(name = "received_at") private Instant receivedAt;
    @Column(name = "due_at") private Instant dueAt;
    @Column(name = "warning_at") private Instant warningAt;
    @Column(name = "escalate_at") private Instant escalateAt;
    @Column(name = "last_day") private LocalDate lastDay;
    @Column(name = "acknowledge_by") private Instant acknowledgeBy;
    @Enumerated(EnumType.STRING) @Column(name = "status") private Status status;
    @Column(name = "process_instance_id") private String processInstanceId;
    @Enumerated(EnumType.STRING) @Column(name = "identity_check") private IdentityCheck identityCheck;
    @Column(name = "breached") private boolean breached;
    @Column(name = "breached_at") private Instant breachedAt;
    @Column(name = "answered_at") private Instant answeredAt;
    @Column(name = "escalated_at") private Instant escalatedAt;
    @Column(name = "created_at") private Instant createdAt;
    @Column(name = "identity_expires_at") private Instant identityExpiresAt;
    @Column(name = "identity_confirmed_at") private Instant identityConfirmedAt;
    // read-only here, written by DsarContactRepository.linkDuplicate: EclipseLink's UUID mapping can neither bind nor
    // read a null, and this column is mostly null
    @Column(name = "duplicate_of", insertable = false, updatable = false) private String duplicateOf;

    protected DsarRequest() {
    }

    public DsarRequest(UUID tenantId, DsarType type, Jurisdiction jurisdiction, String subjectId,
                       Instant receivedAt, DsarDeadlinePolicy.Deadline deadline, IdentityCheck identityCheck, Instant now) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.type = type;
        this.jurisdiction = jurisdiction;
        this.subjectId = subjectId;
        this.receivedAt = receivedAt;
        this.dueAt = deadline.dueAt();
        this.warningAt = deadline.warningAt();
        this.status = Status.RECEIVED;
        this.identityCheck = identityCheck;
        this.createdAt = now;
    }

    /** The timers' dates as the law and the tenant's service levels set them (at intake, extension, pause). */
    public void reschedule(DsarSchedule schedule) {
        this.lastDay = schedule.lastDay();
        this.warningAt = schedule.warningAt();
        this.dueAt = schedule.dueAt();
        this.escalateAt = schedule.escalateAt();
    }

    /** @param due when the receipt must be confirmed, null where the law asks for no acknowledgement */
    public void acknowledgeBy(Instant due) {
        this.acknowledgeBy = due;
    }

    public DsarSchedule schedule() {
        return new DsarSchedule(lastDay, warningAt, dueAt, escalateAt);
    }

    public void attachProcess(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    /** An email confirmation link sent for this request stops working at {@code at} (the process's expiry timer too). */
    public void identityLinkExpiresAt(Instant at) {
        this.identityExpiresAt = at;
    }

    /**
     * The subject confirmed their address: recorded for the rules that depend on a verified identity; the legal
     * deadline keeps counting from receipt (CCPA: regardless of verification).
     */
    public void identityConfirmed(Instant at) {
        if (identityConfirmedAt == null) {
            identityConfirmedAt = at;
        }
    }

    /** This request repeats {@code original} (same subject and type within the tenant's window): linked, not merged. */
    public void duplicateOf(UUID original) {
        if (original.equals(id)) {
            throw new IllegalArgumentException("a request cannot repeat itself");
        }
        this.duplicateOf = original.toString();
    }

    public void awaitIdentity() {
        move(Status.AWAITING_IDENTITY);
    }

    public void identityNotConfirmed() {
        move(Status.IDENTITY_NOT_CONFIRMED);
    }

    /** Identity verified and the request acknowledged: the controller works on it. */
    public void acknowledge() {
        move(Status.IN_PROGRESS);
    }

    /** The response package is compiled (again, after changes were requested) and waits for the DPO. */
    public void awaitReview() {
        move(Status.IN_REVIEW);
    }

    /** The answer went to the subject at {@code at}: the instant the on-time rate compares with the due date. */
    public void deliver(Instant at) {
        move(Status.DELIVERED);
        answeredAt = at;
    }

    public void close() {
        move(Status.CLOSED);
    }

    /** Refused with a notice: answered, at {@code at}. */
    public void refuse(Instant at) {
        move(Status.REFUSED);
        answeredAt = at;
    }

    /** An approved erasure: answered here (the erasure itself is the erasure process's), at {@code at}. */
    public void handOverToErasure(Instant at) {
        move(Status.HANDED_OVER_TO_ERASURE);
        answeredAt = at;
    }

    /** The deadline passed while open: flagged once, at the first breach; the status stays. */
    public void flagBreached(Instant at) {
        if (!breached) {
            breached = true;
            breachedAt = at;
        }
    }

    /** Escalated to the tenant's admins, still open after its deadline: recorded once. */
    public void markEscalated(Instant at) {
        if (escalatedAt == null) {
            escalatedAt = at;
        }
    }

    private void move(Status next) {
        if (status.ended()) {
            throw new IllegalStateException("DSAR " + id + " has ended (" + status + "), it cannot become " + next);
        }
        status = next;
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public DsarType type() { return type; }
    public Jurisdiction jurisdiction() { return jurisdiction; }
    public String subjectId() { return subjectId; }
    public Instant receivedAt() { return receivedAt; }
    public Instant dueAt() { return dueAt; }
    public Instant warningAt() { return warningAt; }
    public Instant escalateAt() { return escalateAt; }
    public LocalDate lastDay() { return lastDay; }
    public Instant acknowledgeBy() { return acknowledgeBy; }
    public Status status() { return status; }
    public String processInstanceId() { return processInstanceId; }
    public IdentityCheck identityCheck() { return identityCheck; }
    public boolean breached() { return breached; }
    public Instant breachedAt() { return breachedAt; }
    public Instant answeredAt() { return answeredAt; }
    public Instant escalatedAt() { return escalatedAt; }
    public Instant identityExpiresAt() { return identityExpiresAt; }
    public Instant identityConfirmedAt() { return identityConfirmedAt; }
    public UUID duplicateOf() { return duplicateOf == null ? null : UUID.fromString(duplicateOf); }
}
