package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.identity.infrastructure.TrustedDeviceRepository;
import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;

/**
 * Device cookies (OWASP "Slow down online guessing attacks with device cookies"): a browser that signed
 * in to an account gets a random token for that account, stored as its SHA-256 in app.user_device. At
 * sign-in a token of the account named is a trusted device with a back-off counter of its own; any other
 * token (malformed, unknown, expired, another account's) is treated as none. The token is replaced at
 * every sign-in from the device; a password reset or an undone email change voids all of the account's.
 * Joins the caller's transaction.
 */
@Stateless
@TenantScoped
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class TrustedDevices {

    public static final String PREFIX = "cus_d_";
    /** The cookie's lifetime; a device unused for longer is no longer trusted. */
    public static final Duration LIFETIME = Duration.ofDays(365);
    /** The devices an account keeps, most recently used first; older ones are forgotten. */
    static final int PER_USER = 20;

    @Inject
    TrustedDeviceRepository devices;

    /** The device of this token when it belongs to this user of this tenant and is still valid; else null. */
    public UUID recognised(@TenantId UUID tenantId, UUID userId, String token) {
        if (!OpaqueToken.wellFormed(token, PREFIX)) {
            return null;
        }
        return devices.find(OpaqueToken.hashOf(token), tenantId, userId, StoredTime.now().minus(LIFETIME));
    }

    /**
     * After a successful sign-in: a new token for the device it came from ({@code deviceId}, its old token
     * stops working) or, for an unknown browser, for a new device. Returns the token for the cookie.
     */
    public String issue(@TenantId UUID tenantId, UUID userId, UUID deviceId) {
        String token = OpaqueToken.generate(PREFIX);
        Instant now = StoredTime.now();
        boolean replaced = deviceId != null && devices.replaceToken(deviceId, userId, OpaqueToken.hashOf(token), now);
        if (!replaced) {
            devices.add(tenantId, userId, OpaqueToken.hashOf(token), now, PER_USER);
        }
        return token;
    }

    /** A password reset or an undone email change: no browser keeps the account's trust. */
    public void forgetAllOf(@TenantId UUID tenantId, UUID userId) {
        devices.forgetAllOf(userId);
    }
}
