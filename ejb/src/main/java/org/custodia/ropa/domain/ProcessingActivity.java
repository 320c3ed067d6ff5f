package org.custodia.ropa.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.custodia.platform.problem.ProblemException;

/**
 * One entry of the register as it stands: its current version (content as stored JSON), status, owner and review date,
 * and which version a DPO approved. Changing it makes a new version and a draft; while a DPO reviews it, it cannot
 * change.
 */
public class ProcessingActivity {

    private final UUID id;
    private final String reference;
    private String name;
    private ProcessingRecord.Role role;
    private ActivityStatus status;
    private int version;
    private String contentJson;
    private int gaps;
    private UUID ownerId;
    private LocalDate reviewDue;
    private String reviewProcess;
    private Integer approvedVersion;
    private String approvedBy;
    private Instant approvedAt;
    private final Instant createdAt;
    private Instant updatedAt;

    /** A new entry, version 1, a draft. */
    public static ProcessingActivity create(String reference, ActivityContent content, String contentJson, UUID ownerId,
                                            LocalDate reviewDue, Instant now) {
        ProcessingActivity a = new ProcessingActivity(UUID.randomUUID(), reference, null, null, ActivityStatus.DRAFT, 0, null, 0,
                ownerId, reviewDue, null, null, null, null, now, now);
        a.write(content, contentJson, now);
        return a;
    }

    @SuppressWarnings("java:S107") // the stored row, column by column
    public ProcessingActivity(UUID id, String reference, String name, ProcessingRecord.Role role, ActivityStatus status, int version,
                              String contentJson, int gaps, UUID ownerId, LocalDate reviewDue, String reviewProcess,
                              Integer approvedVersion, String approvedBy, Instant approvedAt, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.reference = reference;
        this.name = name;
        this.role = role;
        this.status = status;
        this.version = version;
        this.contentJson = contentJson;
        this.gaps = gaps;
        this.ownerId = ownerId;
        this.reviewDue = reviewDue;
        this.reviewProcess = reviewProcess;
        this.approvedVersion = approvedVersion;
        this.approvedBy = approvedBy;
        this.approvedAt = approvedAt;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** The next version with this content; a draft again. Refused while a DPO reviews the entry. */
    public void revise(ActivityContent content, String contentJson, UUID ownerId, LocalDate reviewDue, Instant now) {
        notInReview("changed");
        this.ownerId = ownerId;
        this.reviewDue = reviewDue;
        write(content, contentJson, now);
        status = ActivityStatus.DRAFT;
    }

    /** Owner and review date only: no new version, the status stays. */
    public void reassign(UUID ownerId, LocalDate reviewDue, Instant now) {
        this.ownerId = ownerId;
        this.reviewDue = reviewDue;
        this.updatedAt = now;
    }

    private void write(ActivityContent content, String contentJson, Instant now) {
        this.name = content.record().name();
        this.role = content.record().role();
        this.contentJson = contentJson;
        this.gaps = Art30Completeness.gaps(content.record()).size();
        this.version++;
        this.updatedAt = now;
    }

    /** Whether the current version may go to a DPO: not in review already, not approved as it reads. */
    public void checkSubmittable() {
        notInReview("submitted again");
        if (status == ActivityStatus.APPROVED) {
            throw ProblemException.conflict("status", "Version " + version + " of '" + reference + "' is already approved; change it first");
        }
    }

    /** Hands the current version to a DPO. */
    public void submit(String processInstanceId, Instant now) {
        checkSubmittable();
        status = ActivityStatus.IN_REVIEW;
        reviewProcess = processInstanceId;
        updatedAt = now;
    }

    /** The DPO approved {@code reviewed} (the version submitted, the current one since it cannot change in review). */
    public void approve(int reviewed, String by, Instant now) {
        if (status != ActivityStatus.IN_REVIEW || reviewed != version) {
            throw new IllegalStateException("entry " + id + " is not in review at version " + reviewed);
        }
        status = ActivityStatus.APPROVED;
        approvedVersion = reviewed;
        approvedBy = by;
        approvedAt = now;
        reviewProcess = null;
        updatedAt = now;
    }

    public void returnToDraft(Instant now) {
        if (status != ActivityStatus.IN_REVIEW) {
            throw new IllegalStateException("entry " + id + " is not in review");
        }
        status = ActivityStatus.DRAFT;
        reviewProcess = null;
        updatedAt = now;
    }

    /** Removal is refused while a DPO reviews the entry. */
    public void checkRemovable() {
        notInReview("deleted");
    }

    private void notInReview(String what) {
        if (status == ActivityStatus.IN_REVIEW) {
            throw ProblemException.conflict("status", "'" + reference + "' is in review and cannot be " + what + " until the DPO has decided");
        }
    }

    public UUID id() { return id; }
    public String reference() { return reference; }
    public String name() { return name; }
    public ProcessingRecord.Role role() { return role; }
    public ActivityStatus status() { return status; }
    public int version() { return version; }
    public String contentJson() { return contentJson; }
    public int gaps() { return gaps; }
    public UUID ownerId() { return ownerId; }
    public LocalDate reviewDue() { return reviewDue; }
    public String reviewProcess() { return reviewProcess; }
    public Integer approvedVersion() { return approvedVersion; }
    public String approvedBy() { return approvedBy; }
    public Instant approvedAt() { return approvedAt; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
