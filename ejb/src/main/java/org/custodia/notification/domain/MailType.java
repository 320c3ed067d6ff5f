package org.custodia.notification.domain;

/**
 * The mails Custodia writes from templates, each with the one model its templates are rendered with and the
 * directory its templates live in ({@code mail/<directory>/<language>/} on the classpath, or under a tenant's
 * override directory). The reviewer types all take a {@link ReviewerNotice}, which holds no personal data.
 */
public enum MailType {

    REQUEST_ACKNOWLEDGEMENT("request-acknowledgement", RequestAcknowledgement.class),
    IDENTITY_VERIFICATION("identity-verification", IdentityVerificationLink.class),
    SLA_WARNING("sla-warning", ReviewerNotice.class),
    SLA_BREACH("sla-breach", ReviewerNotice.class),
    ESCALATION("escalation", ReviewerNotice.class),
    TASK_ASSIGNED("task-assigned", ReviewerNotice.class),
    RESPONSE_READY("response-ready", ResponseReady.class),
    REFUSAL_NOTICE("refusal-notice", RefusalNotice.class),
    USER_INVITATION("user-invitation", UserInvitation.class),
    CONSENT_LINK("consent-link", ConsentLink.class),
    WEBHOOK_DISABLED("webhook-disabled", WebhookDisabled.class),
    ROPA_REVIEW_DUE("ropa-review-due", RegisterDueNotice.class),
    ROPA_REVIEW_OVERDUE("ropa-review-overdue", RegisterDueNotice.class),
    RISK_TREATMENT_DUE("risk-treatment-due", RegisterDueNotice.class),
    RISK_TREATMENT_OVERDUE("risk-treatment-overdue", RegisterDueNotice.class),
    DPIA_REVIEW_DUE("dpia-review-due", RegisterDueNotice.class),
    DPIA_REVIEW_OVERDUE("dpia-review-overdue", RegisterDueNotice.class);

    /** Who reads the mail: the data subject, a console user about a request, or a person invited to the console. */
    public enum Audience { SUBJECT, REVIEWER, CONSOLE_USER }

    private final String directory;
    private final Class<? extends MailModel> model;

    MailType(String directory, Class<? extends MailModel> model) {
        this.directory = directory;
        this.model = model;
    }

    /** The directory name of this type's templates (a constant, never from input). */
    public String directory() {
        return directory;
    }

    public Class<? extends MailModel> model() {
        return model;
    }

    public Audience audience() {
        if (model == ReviewerNotice.class) {
            return Audience.REVIEWER;
        }
        return model == UserInvitation.class || model == WebhookDisabled.class || model == RegisterDueNotice.class
                ? Audience.CONSOLE_USER : Audience.SUBJECT;
    }

    /** Refuses a model of another type's shape (an acknowledgement rendered as an SLA warning). */
    public MailModel require(MailModel candidate) {
        if (!model.isInstance(candidate)) {
            throw new IllegalArgumentException(name() + " mail takes a " + model.getSimpleName() + ", not "
                    + (candidate == null ? "null" : candidate.getClass().getSimpleName()));
        }
        return candidate;
    }
}
