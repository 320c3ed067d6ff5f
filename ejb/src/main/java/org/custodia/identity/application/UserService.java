package org.custodia.identity.application;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.identity.domain.GeneratedPasswords;
import org.custodia.identity.domain.PasswordPolicy;
import org.custodia.identity.domain.RoleRules;
import org.custodia.identity.domain.SignInBackoff;
import org.custodia.identity.domain.UserAccount;
import org.custodia.identity.infrastructure.Argon2Passwords;
import org.custodia.identity.infrastructure.UserRepository;
import org.custodia.notification.application.MailOutbox;
import org.custodia.notification.domain.MailType;
import org.custodia.notification.domain.UserInvitation;
import org.custodia.kernel.EmailAddress;
import org.custodia.platform.context.Actor;
import org.custodia.platform.context.PublicUrl;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.CalendarSettings;
import org.custodia.tenancy.domain.Tenant;

/**
 * The people of a tenant: invitations by mail (7 days), their acceptance with a password, role changes,
 * disabling, password reset and change of email address by single-use links. Audit events name users
 * by id; addresses appear only in the sealed mail outbox and the user row. The actions that arrive by a
 * mailed link come through {@link AccountLinks}, which finds the link's tenant.
 */
@Stateless
@TenantScoped
public class UserService {

    public record Invitation(UserAccount user, java.time.Instant expiresAt) {
    }

    @Inject
    UserRepository repository;

    @Inject
    AuditTrail audit;

    @Inject
    TenantRoles roles;

    @Inject
    RolePermissionCache rolePermissions;

    @Inject
    UserTokens tokens;

    @Inject
    UserSessions sessions;

    @Inject
    MailOutbox mail;

    @Inject
    CalendarSettings calendars;

    @Inject
    SignInFailures signInFailures;

    @Inject
    TrustedDevices trustedDevices;

    public Invitation invite(Actor actor, Set<String> callerPermissions, String email, String role, String displayName) {
        List<FieldError> errors = new ArrayList<>();
        if (!EmailAddress.valid(email)) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        if (displayName != null && displayName.length() > 200) {
            errors.add(new FieldError("displayName", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        roles.requireAssignable(actor.tenantId(), callerPermissions, role);
        if (byEmail(email) != null) {
            throw ProblemException.conflict("email", "a user with this address exists in your organisation");
        }
        UserAccount user = UserAccount.invited(actor.tenantId(), email, role, StoredTime.now());
        user.updateDisplayName(displayName == null || displayName.isBlank() ? null : displayName.strip());
        repository.add(user);
        repository.flush();
        UserTokens.Issued link = tokens.issue(actor.tenantId(), user.id(), UserTokens.Purpose.INVITATION, null);
        Tenant tenant = repository.tenant(actor.tenantId());
        mail.enqueue(actor.tenantId(), user.email(), MailType.USER_INVITATION,
                new UserInvitation(tenant.name(), role, URI.create(PublicUrl.base() + "/console/accept-invitation#token=" + link.token()),
                        link.token(), link.expiresAt()),
                null, calendars.of(actor.tenantId()).timeZone());
        audit.append(actor, "user.invited", "user", user.id().toString(), Map.of("role", role, "expiresAt", link.expiresAt().toString()));
        return new Invitation(user, link.expiresAt());
    }

    /**
     * The operator's bootstrap of a tenant's first people (the run command's demo logins): an active local
     * account with the given password, or a generated one returned in {@code password}.
     */
    public record Bootstrapped(UserAccount user, String password) {
    }

    public Bootstrapped createByOperator(@TenantId UUID tenantId, String email, String role, String password, String requestId) {
        Actor operator = Actor.system(tenantId, "operator", requestId);
        List<FieldError> errors = new ArrayList<>();
        if (!EmailAddress.valid(email)) {
            errors.add(new FieldError("email", "must be an email address"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Tenant tenant = repository.tenant(tenantId);
        if (tenant == null) {
            throw ProblemException.notFound("tenant " + tenantId);
        }
        if (roles.permissionsOf(tenantId, role == null ? "" : role).isEmpty()) {
            throw ProblemException.invalid("role", "is not a role of this tenant");
        }
        if (byEmail(email) != null) {
            throw ProblemException.conflict("email", "a user with this address exists in this tenant");
        }
        UserAccount user = UserAccount.invited(tenantId, email, role, StoredTime.now());
        String chosen = password == null ? GeneratedPasswords.next() : password;
        requireAcceptable(chosen, user, tenantId);
        user.activate(Argon2Passwords.hash(chosen), null, StoredTime.now());
        repository.add(user);
        audit.append(operator, "user.created", "user", user.id().toString(), Map.of("role", role));
        return new Bootstrapped(user, password == null ? chosen : null);
    }

    /** Activates an invited account with a password; the link that reached the inbox proves the address. */
    public UserAccount acceptInvitation(@TenantId UUID tenantId, String token, String password, String displayName, String requestId) {
        UserTokens.Redeemed redeemed = tokens.redeem(tenantId, token, UserTokens.Purpose.INVITATION);
        UserAccount user = repository.find(redeemed.userId());
        if (user.status() != UserAccount.Status.INVITED) {
            throw ProblemException.invalid("token", "this invitation was already accepted or withdrawn");
        }
        requireAcceptable(password, user, redeemed.tenantId());
        if (displayName != null && displayName.length() > 200) {
            throw ProblemException.invalid("displayName", "must be at most 200 characters");
        }
        user.activate(Argon2Passwords.hash(password), displayName == null || displayName.isBlank() ? null : displayName.strip(),
                StoredTime.now());
        audit.append(new Actor(redeemed.tenantId(), "user:" + user.id(), requestId), "user.invitation_accepted", "user",
                user.id().toString(), Map.of());
        return user;
    }

    /**
     * Mails a one-hour link when the address has an active local account. Runs after the request has been
     * answered (asynchronously, in its own transaction), so known and unknown addresses take the same time.
     */
    @jakarta.ejb.Asynchronous
    public void requestPasswordReset(@TenantId UUID tenantId, String email, String requestId) {
        if (!EmailAddress.valid(email)) {
            return; // the resource refused it already
        }
        UserAccount user = byEmail(email);
        if (user == null || user.status() != UserAccount.Status.ACTIVE || user.passwordHash() == null) {
            return;
        }
        UserTokens.Issued link = tokens.issue(tenantId, user.id(), UserTokens.Purpose.PASSWORD_RESET, null);
        mail.enqueue(tenantId, user.email(), "Reset your Custodia password",
                "Someone asked to reset the password of your Custodia account. If it was you, choose a new one:\n"
                        + PublicUrl.base() + "/console/reset-password#token=" + link.token() + "\n\n"
                        + "The link works once and expires on " + link.expiresAt() + ". If it was not you, ignore this mail.\n"
                        + "Token (for the API, POST /api/v1/auth/password-reset/confirm): " + link.token() + "\n");
        audit.append(new Actor(tenantId, "user:" + user.id(), requestId), "user.password_reset_requested", "user",
                user.id().toString(), Map.of());
    }

    public void resetPassword(@TenantId UUID tenantId, String token, String password, String requestId) {
        UserTokens.Redeemed redeemed = tokens.redeem(tenantId, token, UserTokens.Purpose.PASSWORD_RESET);
        UserAccount user = repository.find(redeemed.userId());
        if (user.status() != UserAccount.Status.ACTIVE) {
            throw ProblemException.invalid("token", "is not a valid link token");
        }
        requireAcceptable(password, user, redeemed.tenantId());
        user.changePassword(Argon2Passwords.hash(password));
        signInFailures.clear(redeemed.tenantId(), SignInBackoff.addressKey(redeemed.tenantId(), user.email()));
        sessions.revokeAllOf(tenantId, user.id()); // a reset ends every session, a thief's included
        trustedDevices.forgetAllOf(tenantId, user.id()); // and no browser keeps the account's device cookie
        audit.append(new Actor(redeemed.tenantId(), "user:" + user.id(), requestId), "user.password_reset", "user",
                user.id().toString(), Map.of());
    }

    /**
     * Sends a 24-hour link to the new address; the address changes only when that link is used. Needs the
     * current password, or (accounts without one, or leaving it out) a session opened within {@link UserSessions#RECENT_SIGN_IN}.
     */
    public java.time.Instant requestEmailChange(Actor actor, UUID userId, UUID sessionId, String newEmail, String currentPassword) {
        if (!EmailAddress.valid(newEmail)) {
            throw ProblemException.invalid("email", "must be an email address");
        }
        UserAccount user = repository.find(userId);
        requireRecentAuthentication(user, sessionId, currentPassword);
        if (byEmail(newEmail) != null) {
            throw ProblemException.conflict("email", "a user with this address exists in your organisation");
        }
        String normalised = UserAccount.normalisedEmail(newEmail);
        UserTokens.Issued link = tokens.issue(actor.tenantId(), userId, UserTokens.Purpose.EMAIL_VERIFICATION, normalised);
        mail.enqueue(actor.tenantId(), normalised, "Confirm your new Custodia email address",
                "Confirm that this address should be used for your Custodia account:\n"
                        + PublicUrl.base() + "/console/verify-email#token=" + link.token() + "\n\n"
                        + "The link works once and expires on " + link.expiresAt() + ".\n"
                        + "Token (for the API, POST /api/v1/auth/email-verification/confirm): " + link.token() + "\n");
        audit.append(actor, "user.email_change_requested", "user", user.id().toString(), Map.of());
        return link.expiresAt();
    }

    /** Applies a new address; the old one gets a notice with a 7-day link that undoes the change. */
    public UserAccount confirmEmail(@TenantId UUID tenantId, String token, String requestId) {
        UserTokens.Redeemed redeemed = tokens.redeem(tenantId, token, UserTokens.Purpose.EMAIL_VERIFICATION);
        if (byEmail(redeemed.newEmail()) != null) {
            throw ProblemException.conflict("email", "a user with this address exists in your organisation");
        }
        UserAccount user = repository.find(redeemed.userId());
        String previous = user.email();
        user.changeEmail(redeemed.newEmail(), StoredTime.now());
        UserTokens.Issued undo = tokens.issue(redeemed.tenantId(), user.id(), UserTokens.Purpose.EMAIL_CHANGE_UNDO, previous);
        mail.enqueue(redeemed.tenantId(), previous, "The email address of your Custodia account was changed",
                "The email address of your Custodia account was changed to " + user.email() + ".\n\n"
                        + "If you did not do this, undo it: the account gets this address back and every session ends.\n"
                        + PublicUrl.base() + "/console/undo-email-change#token=" + undo.token() + "\n\n"
                        + "The link works once and expires on " + undo.expiresAt() + ". Then choose a new password.\n"
                        + "Token (for the API, POST /api/v1/auth/email-change/undo): " + undo.token() + "\n");
        audit.append(new Actor(redeemed.tenantId(), "user:" + user.id(), requestId), "user.email_verified", "user",
                user.id().toString(), Map.of());
        return user;
    }

    /** The old address's link: restores it, ends every session and voids links sent to the new address. */
    public UserAccount undoEmailChange(@TenantId UUID tenantId, String token, String requestId) {
        UserTokens.Redeemed redeemed = tokens.redeem(tenantId, token, UserTokens.Purpose.EMAIL_CHANGE_UNDO);
        UserAccount user = repository.find(redeemed.userId());
        UserAccount holder = byEmail(redeemed.newEmail());
        if (holder != null && !holder.id().equals(user.id())) {
            throw ProblemException.conflict("token", "the old address now belongs to another user of your organisation");
        }
        user.changeEmail(redeemed.newEmail(), StoredTime.now());
        tokens.voidResetsAndVerifications(tenantId, user.id());
        sessions.revokeAllOf(tenantId, user.id());
        trustedDevices.forgetAllOf(tenantId, user.id());
        audit.append(new Actor(redeemed.tenantId(), "user:" + user.id(), requestId), "user.email_change_undone", "user",
                user.id().toString(), Map.of());
        return user;
    }

    private void requireRecentAuthentication(UserAccount user, UUID sessionId, String currentPassword) {
        boolean proven;
        if (currentPassword != null) {
            // guesses through a session count like sign-in failures and meet the same back-off
            String address = SignInBackoff.addressKey(user.tenantId(), user.email());
            java.time.Duration wait = signInFailures.backingOff(user.tenantId(), address);
            if (!wait.isZero()) {
                long seconds = Math.max(1, wait.toSeconds());
                throw ProblemException.tooManyRequests("sign-in-backoff", "Too many failed sign-ins",
                        "This account had too many failed sign-ins; try again in " + seconds + " s.", seconds);
            }
            proven = user.passwordHash() != null && Argon2Passwords.matches(currentPassword, user.passwordHash());
            if (!proven) {
                signInFailures.recordFailureApart(user.tenantId(), address, user.id());
            }
        } else {
            proven = sessions.signedInRecently(user.tenantId(), sessionId);
        }
        if (!proven) {
            throw new ProblemException(403, "reauthentication-required", "Re-authentication required",
                    "Changing your email address needs your current password, or a sign-in within the last "
                            + UserSessions.RECENT_SIGN_IN.toMinutes() + " minutes.",
                    List.of(new FieldError("currentPassword", currentPassword == null ? "is required" : "is not your current password")));
        }
    }

    public List<UserAccount> list(@TenantId UUID tenantId) {
        return repository.all();
    }

    /** The user, or empty: for callers that must not fail (and so roll back) on an unknown id. */
    public java.util.Optional<UserAccount> find(@TenantId UUID tenantId, UUID userId) {
        return java.util.Optional.ofNullable(repository.find(userId));
    }

    public UserAccount get(@TenantId UUID tenantId, UUID userId) {
        UserAccount user = repository.find(userId);
        if (user == null) {
            throw ProblemException.notFound("user " + userId);
        }
        return user;
    }

    public UserAccount changeRole(Actor actor, Set<String> callerPermissions, UUID userId, String role) {
        UserAccount user = get(actor.tenantId(), userId);
        if (("user:" + userId).equals(actor.principal())) { // another administrator does it: the last one cannot demote itself
            throw ProblemException.conflict("id", "you cannot change your own role");
        }
        roles.requireAssignable(actor.tenantId(), callerPermissions, role);
        if (!callerPermissions.containsAll(roles.permissionsOf(actor.tenantId(), user.role()))) {
            throw RoleRules.escalation("role"); // nor take a role away from someone who holds more than you
        }
        String previous = user.role();
        user.assignRole(role);
        rolePermissions.forgetAfterCommit(actor.tenantId());
        audit.append(actor, "user.role_changed", "user", userId.toString(), Map.of("from", previous, "to", role));
        return user;
    }

    public UserAccount disable(Actor actor, Set<String> callerPermissions, UUID userId) {
        UserAccount user = get(actor.tenantId(), userId);
        if (("user:" + userId).equals(actor.principal())) {
            throw ProblemException.conflict("id", "you cannot disable yourself");
        }
        roles.requireNotOutranked(actor.tenantId(), callerPermissions, user.role(), "id");
        user.disable();
        sessions.revokeAllOf(actor.tenantId(), userId);
        rolePermissions.forgetAfterCommit(actor.tenantId());
        audit.append(actor, "user.disabled", "user", userId.toString(), Map.of());
        return user;
    }

    /** Re-enables a disabled user (whose permissions the caller all holds); their old sessions stay ended. */
    public UserAccount enable(Actor actor, Set<String> callerPermissions, UUID userId) {
        UserAccount user = get(actor.tenantId(), userId);
        if (user.status() != UserAccount.Status.DISABLED) {
            throw ProblemException.conflict("id", "the user is not disabled");
        }
        roles.requireNotOutranked(actor.tenantId(), callerPermissions, user.role(), "id");
        user.enable();
        rolePermissions.forgetAfterCommit(actor.tenantId());
        audit.append(actor, "user.enabled", "user", userId.toString(), Map.of("status", user.status().name()));
        return user;
    }

    private UserAccount byEmail(String email) {
        return repository.byEmail(email);
    }

    private void requireAcceptable(String password, UserAccount user, UUID tenantId) {
        Tenant tenant = repository.tenant(tenantId);
        PasswordPolicy.refusal(password, user.email(), user.email().substring(0, user.email().indexOf('@')), tenant.slug(), tenant.name())
                .ifPresent(reason -> {
                    throw ProblemException.invalid("password", reason);
                });
    }
}
