package org.custodia.notification.domain;

import java.time.Instant;

/**
 * To the data subject: the organisation refuses to act on their request (GDPR Art. 12(4): without delay, with the
 * reasons, and the possibility of lodging a complaint with a supervisory authority and seeking a judicial remedy).
 * The reason is the reviewer's own text, written for the subject (the task API keeps it; templates escape it in HTML).
 *
 * @param tenantName   the organisation refusing
 * @param reference    the request's reference
 * @param requestType  the request type's code
 * @param jurisdiction the law the request was made under (a code; the templates name the rights it gives)
 * @param reason       why the request is refused
 * @param refusedAt    when the organisation decided
 */
public record RefusalNotice(String tenantName, String reference, String requestType, String jurisdiction, String reason,
                            Instant refusedAt) implements MailModel {

    public static final int MAX_REASON = 2000;

    public RefusalNotice {
        MailFields.text("tenantName", tenantName, 200);
        MailFields.reference("reference", reference);
        MailFields.code("requestType", requestType);
        MailFields.code("jurisdiction", jurisdiction);
        MailFields.text("reason", reason, MAX_REASON);
        MailFields.required("refusedAt", refusedAt);
    }
}
