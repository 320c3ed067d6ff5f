package org.custodia.identity.domain;

import org.custodia.kernel.OpaqueToken;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who signs in to a tenant: with a local password (invited by mail) or through the tenant's
 * identity provider (provisioned on first sign-in). Logs and audit events name users by id only.
 */
@Entity
@Table(schema = "app", name = "app_user")
public class UserAccount {

    public enum Status { INVITED, ACTIVE, DISABLED }

    @Id @Column(name = "id") private UUID id;
    @Column(name = "tenant_id") private UUID tenantId;
    @Column(name = "email") private String email;
    @Column(name = "display_name") private String displayName;
    @Column(name = "role") private String role;
    @Column(name = "status") private String status;
    @Column(name = "password_hash") private String passwordHash;
    @Column(name = "email_verified_at") private Instant emailVerifiedAt;
    @Column(name = "totp_secret") private byte[] totpSecret;
    @Column(name = "totp_enabled_at") private Instant totpEnabledAt;
    @Column(name = "totp_last_step") private Long totpLastStep;
    @Column(name = "oidc_issuer") private String oidcIssuer;
    @Column(name = "oidc_subject") private String oidcSubject;
    /** The identity provider's role mapping governs this user's role (it provisioned the user); never for a linked local account. */
    @Column(name = "role_from_idp") private boolean roleFromIdp;
    @Column(name = "created_at") private Instant createdAt;
    @Column(name = "last_login_at") private Instant lastLoginAt;

    protected UserAccount() {
    }

    private UserAccount(UUID tenantId, String email, String role, Status status, Instant now) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.email = normalisedEmail(email);
        this.role = role;
        this.status = status.name();
        this.createdAt = now;
    }

    public static UserAccount invited(UUID tenantId, String email, String role, Instant now) {
        return new UserAccount(tenantId, email, role, Status.INVITED, now);
    }

    /** Just-in-time provisioning from a verified ID token or bearer token. */
    public static UserAccount provisioned(UUID tenantId, String issuer, String subject, String email, String role, Instant now) {
        UserAccount user = new UserAccount(tenantId, email == null ? subject + "@" + hostOf(issuer) : email, role, Status.ACTIVE, now);
        user.oidcIssuer = issuer;
        user.oidcSubject = subject;
        user.roleFromIdp = true;
        user.emailVerifiedAt = email == null ? null : now;
        return user;
    }

    public static String normalisedEmail(String email) {
        return org.custodia.kernel.EmailAddress.normalised(email);
    }

    /** The invitation accepted: the password set and the address proven by the link that reached it. */
    public void activate(String passwordHash, String displayName, Instant now) {
        this.passwordHash = passwordHash;
        if (displayName != null) {
            this.displayName = displayName;
        }
        this.status = Status.ACTIVE.name();
        this.emailVerifiedAt = now;
    }

    /** Failed sign-ins are counted per address in app.sign_in_failure (SignInFailures), not here. */
    public void changePassword(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void recordLogin(Instant now) {
        lastLoginAt = now;
    }

    public void startTotpEnrolment(byte[] sealedSecret) {
        this.totpSecret = sealedSecret;
        this.totpEnabledAt = null;
        this.totpLastStep = null;
    }

    public void enableTotp(long step, Instant now) {
        this.totpEnabledAt = now;
        this.totpLastStep = step;
    }

    public void changeEmail(String newEmail, Instant now) {
        this.email = normalisedEmail(newEmail);
        this.emailVerifiedAt = now;
    }

    public void assignRole(String role) {
        this.role = role;
    }

    public void disable() {
        this.status = Status.DISABLED.name();
    }

    /** Undoes {@link #disable()}: active again if the account has a way to sign in, otherwise invited. */
    public void enable() {
        this.status = (passwordHash != null || oidcSubject != null ? Status.ACTIVE : Status.INVITED).name();
    }

    public void updateDisplayName(String displayName) {
        if (displayName != null) {
            this.displayName = displayName;
        }
    }

    private static String hostOf(String issuer) {
        return java.net.URI.create(issuer).getHost();
    }

    /** Mail about work may reach this user: the account is active and its address proven (by a link or the identity provider). */
    public boolean reachableByMail() {
        return status() == Status.ACTIVE && emailVerifiedAt != null;
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String email() { return email; }
    public String displayName() { return displayName; }
    public String role() { return role; }
    public Status status() { return Status.valueOf(status); }
    public String passwordHash() { return passwordHash; }
    public Instant emailVerifiedAt() { return emailVerifiedAt; }
    public boolean totpEnabled() { return totpEnabledAt != null; }
    public byte[] totpSecret() { return totpSecret; }
    public String oidcIssuer() { return oidcIssuer; }
    public String oidcSubject() { return oidcSubject; }
    public boolean roleFromIdp() { return roleFromIdp; }
    public Instant createdAt() { return createdAt; }
    public Instant lastLoginAt() { return lastLoginAt; }
}
