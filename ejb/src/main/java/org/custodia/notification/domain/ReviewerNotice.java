package org.custodia.notification.domain;

import java.net.URI;
import java.time.Instant;

/**
 * Everything a mail to a reviewer (SLA warning and breach, escalation, task assigned) may say: which request,
 * of what type, under which law, due when, and where in the console to open it. Nothing else fits: the
 * reference and codes refuse free text, the link refuses queries and anything but plain path segments, so the
 * subject's name, address or request text cannot travel in a reviewer's inbox, whatever a template asks for.
 *
 * @param reference    the request's reference (its id or a reference of letters, digits and dashes)
 * @param requestType  the request type's code ({@code ACCESS}, {@code ERASURE}, ...)
 * @param jurisdiction the jurisdiction's code ({@code EU_GDPR}, ...)
 * @param dueAt        when the request is due (shown in the tenant's zone)
 * @param consoleLink  where the reviewer opens it (sign-in required)
 */
public record ReviewerNotice(String reference, String requestType, String jurisdiction, Instant dueAt, URI consoleLink)
        implements MailModel {

    public ReviewerNotice {
        MailFields.reference("reference", reference);
        MailFields.code("requestType", requestType);
        MailFields.code("jurisdiction", jurisdiction);
        MailFields.required("dueAt", dueAt);
        MailFields.consoleLink("consoleLink", consoleLink);
    }
}
