package org.custodia.identity.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.custodia.platform.persistence.NativeValues;

/** Device cookies of accounts (app.user_device), stored as the SHA-256 of their token. */
@Stateless
public class TrustedDeviceRepository {

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    /** The device with this token hash of this user, used after {@code since}; null otherwise (also for a null user). */
    public UUID find(String tokenHash, UUID tenantId, UUID userId, Instant since) {
        // the same query whether or not the address has an account (a null user matches nothing)
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select id from app.user_device where token_hash = ?1 and tenant_id = ?2"
                        + " and user_id = cast(?3 as uuid) and last_used_at > ?4")
                .setParameter(1, tokenHash).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, NativeValues.at(since)).getResultList();
        return ids.isEmpty() ? null : UUID.fromString(ids.get(0).toString());
    }

    /** Gives the user's device a new token; false when the user has no such device. */
    public boolean replaceToken(UUID deviceId, UUID userId, String tokenHash, Instant at) {
        return em.createNativeQuery("update app.user_device set token_hash = ?1, last_used_at = ?2 where id = ?3 and user_id = ?4")
                .setParameter(1, tokenHash).setParameter(2, NativeValues.at(at)).setParameter(3, deviceId)
                .setParameter(4, userId).executeUpdate() > 0;
    }

    /** A new device of the user; the user keeps its {@code kept} most recently used devices. */
    public void add(UUID tenantId, UUID userId, String tokenHash, Instant at, int kept) {
        em.createNativeQuery("insert into app.user_device (id, tenant_id, user_id, token_hash, created_at, last_used_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?5)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, userId)
                .setParameter(4, tokenHash).setParameter(5, NativeValues.at(at)).executeUpdate();
        em.createNativeQuery("delete from app.user_device where user_id = ?1 and id not in (select id from app.user_device"
                        + " where user_id = ?1 order by last_used_at desc limit " + kept + ")")
                .setParameter(1, userId).executeUpdate();
    }

    public void forgetAllOf(UUID userId) {
        em.createNativeQuery("delete from app.user_device where user_id = ?1").setParameter(1, userId).executeUpdate();
    }
}
