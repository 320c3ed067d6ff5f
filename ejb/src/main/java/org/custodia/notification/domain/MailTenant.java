package org.custodia.notification.domain;

import java.time.ZoneId;
import java.util.UUID;

/**
 * The tenant a mail is written for: its id and slug name its override directory, its default language is the
 * second choice after the reader's, and its zone is the one dates are shown in (with the zone named).
 *
 * @param defaultLanguage the tenant's language (ISO 639 code), or null when it states none
 */
public record MailTenant(UUID tenantId, String slug, String defaultLanguage, ZoneId zone) {

    public MailTenant {
        MailFields.required("tenantId", tenantId);
        MailFields.required("zone", zone);
    }
}
