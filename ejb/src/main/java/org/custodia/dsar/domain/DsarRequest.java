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

/** A data subject request and its legal deadline. */
@Entity
@Table(schema = "app", name = "dsar_request")
public class DsarRequest {

    public enum Status { OPEN, OVERDUE, CLOSED }

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
    @Column(name = "created_at") private Instant createdAt;

    protected DsarRequest() {
    }

    public DsarRequest(UUID tenantId, DsarType type, Jurisdiction jurisdiction, String subjectId,
                       Instant receivedAt, DsarDeadlinePolicy.Deadline deadline, Instant now) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.type = type;
        this.jurisdiction = jurisdiction;
        this.subjectId = subjectId;
        this.receivedAt = receivedAt;
        this.dueAt = deadline.dueAt();
        this.warningAt = deadline.warningAt();
        this.status = Status.OPEN;
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

    public void markOverdue() {
        this.status = Status.OVERDUE;
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
}
