package org.custodia.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.kernel.OpaqueToken;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;

/**
 * Device cookies (OWASP "Slow down online guessing attacks with device cookies"): a browser that signed
 * in to an account gets a random token for that account, stored as its SHA-256 in app.user_device. At
 * sign-in a token of the account named is a trusted device with a back-off counter of its own; any other
 * token (malformed, unknown, expired, another account's) is treated as none. The token is replaced at
 * every sign-in from the device; a password reset or an undone email change voids all of the account's.
 * Joins the caller's transaction with the tenant bound.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class TrustedDevices {

    public static final String PREFIX = "cus_d_";
    /** The cookie's lifetime; a device unused for longer is no longer trusted. */
    public static final Duration LIFETIME = Duration.ofDays(365);
    /** The devices an account keeps, most recently used first; older ones are forgotten. */
    static final int PER_USER = 20;

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The device of this token when it belongs to this user of this tenant and is still valid; else null. */
    public UUID recognised(UUID tenantId, UUID userId, String token) {
        if (!OpaqueToken.wellFormed(token, PREFIX)) {
            return null;
        }
        // the same query whether or not the address has an account (a null user matches nothing)
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select id from app.user_device where token_hash = ?1 and tenant_id = ?2"
                        + " and user_id = cast(?3 as uuid) and last_used_at > ?4")
                .setParameter(1, OpaqueToken.hashOf(token)).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, NativeValues.at(StoredTime.now().minus(LIFETIME))).getResultList();
        return ids.isEmpty() ? null : UUID.fromString(ids.get(0).toString());
    }

    /**
     * After a successful sign-in: a new token for the device it came from ({@code deviceId}, its old token
     * stops working) or, for an unknown browser, for a new device. Returns the token for the cookie.
     */
    public String issue(UUID tenantId, UUID userId, UUID deviceId) {
        String token = OpaqueToken.generate(PREFIX);
        Instant now = StoredTime.now();
        int replaced = deviceId == null ? 0 : em.createNativeQuery("update app.user_device set token_hash = ?1, last_used_at = ?2"
                        + " where id = ?3 and user_id = ?4")
                .setParameter(1, OpaqueToken.hashOf(token)).setParameter(2, NativeValues.at(now)).setParameter(3, deviceId)
                .setParameter(4, userId).executeUpdate();
        if (replaced == 0) {
            em.createNativeQuery("insert into app.user_device (id, tenant_id, user_id, token_hash, created_at, last_used_at)"
                            + " values (?1, ?2, ?3, ?4, ?5, ?5)")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, userId)
                    .setParameter(4, OpaqueToken.hashOf(token)).setParameter(5, NativeValues.at(now)).executeUpdate();
            em.createNativeQuery("delete from app.user_device where user_id = ?1 and id not in (select id from app.user_device"
                            + " where user_id = ?1 order by last_used_at desc limit " + PER_USER + ")")
                    .setParameter(1, userId).executeUpdate();
        }
        return token;
    }

    /** A password reset or an undone email change: no browser keeps the account's trust. */
    public void forgetAllOf(UUID userId) {
        em.createNativeQuery("delete from app.user_device where user_id = ?1").setParameter(1, userId).executeUpdate();
    }
}
