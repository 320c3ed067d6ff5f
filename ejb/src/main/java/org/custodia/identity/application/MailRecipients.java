package org.custodia.identity.application;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.identity.domain.UserAccount;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/** Whom to mail about something a person owns: that person when they can be mailed, else the tenant's users of a role. */
@Stateless
@TenantScoped
public class MailRecipients {

    @Inject
    UserService users;

    /** For a round of mails: owner id → whom to mail, the tenant's people read once. */
    public Function<UUID, List<String>> ownerElse(@TenantId UUID tenantId, String role) {
        List<UserAccount> people = users.list(tenantId);
        List<String> fallback = people.stream().filter(u -> role.equals(u.role()) && u.reachableByMail()).map(UserAccount::email).toList();
        return ownerId -> {
            List<String> owner = people.stream().filter(u -> u.id().equals(ownerId) && u.reachableByMail()).map(UserAccount::email).toList();
            return owner.isEmpty() ? fallback : owner;
        };
    }
}
