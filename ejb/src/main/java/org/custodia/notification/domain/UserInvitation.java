package org.custodia.notification.domain;

import java.net.URI;
import java.time.Instant;

/**
 * To a person invited to an organisation's console: the link that sets their password (and its token, for the API).
 *
 * @param tenantName the organisation inviting
 * @param role       the role they get (a role name)
 * @param acceptLink the console page that accepts the invitation
 * @param token      the single-use token the link carries, for {@code POST /api/v1/auth/invitations/accept}
 * @param expiresAt  when the invitation lapses
 */
public record UserInvitation(String tenantName, String role, URI acceptLink, String token, Instant expiresAt) implements MailModel {

    public UserInvitation {
        MailFields.text("tenantName", tenantName, 200);
        MailFields.role("role", role);
        MailFields.link("acceptLink", acceptLink);
        MailFields.text("token", token, 200);
        MailFields.required("expiresAt", expiresAt);
    }
}
