package org.custodia.tenancy.application;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.persistence.NativeValues;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * A tenant's security settings: whether local accounts must use MFA, which browser origins may call the
 * API, and after how many idle minutes a console session ends (5 to 480, default 30).
 */
@Stateless
public class SecuritySettings {

    public record Settings(boolean mfaRequired, List<String> corsOrigins, int sessionIdleMinutes) {
        public static final int DEFAULT_IDLE_MINUTES = 30;
        public static final Settings DEFAULTS = new Settings(false, List.of(), DEFAULT_IDLE_MINUTES);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ORIGINS = 50;
    /** read on every browser request; a change applies at commit, here and (change feed) on the other nodes */
    private static final Cache<UUID, Settings> CACHE = Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(60)).build();

    @PersistenceContext(unitName = "custodia")
    EntityManager em;

    @Inject
    TenantSession tenantSession;

    @Inject
    AuditTrail audit;

    @Inject
    AfterCommit afterCommit;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    public Settings of(UUID tenantId) {
        Settings cached = CACHE.getIfPresent(tenantId);
        if (cached != null) {
            return cached;
        }
        tenantSession.bind(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select mfa_required, cors_origins, session_idle_minutes from app.tenant_security")
                .getResultList();
        Settings s = rows.isEmpty() ? Settings.DEFAULTS : new Settings((Boolean) rows.get(0)[0], origins((String) rows.get(0)[1]),
                ((Number) rows.get(0)[2]).intValue());
        CACHE.put(tenantId, s);
        return s;
    }

    /** {@code sessionIdleMinutes} null means the default (30). */
    public Settings update(Actor actor, Boolean mfaRequired, List<String> corsOrigins, Integer sessionIdleMinutes) {
        List<FieldError> errors = new ArrayList<>();
        int idle = sessionIdleMinutes == null ? Settings.DEFAULT_IDLE_MINUTES : sessionIdleMinutes;
        if (idle < 5 || idle > 480) {
            errors.add(new FieldError("sessionIdleMinutes", "must be 5 to 480 (minutes)"));
        }
        if (mfaRequired == null) {
            errors.add(new FieldError("mfaRequired", "is required (true or false)"));
        }
        if (corsOrigins == null) {
            errors.add(new FieldError("corsOrigins", "is required (a list, may be empty)"));
        } else if (corsOrigins.size() > MAX_ORIGINS) {
            errors.add(new FieldError("corsOrigins", "at most " + MAX_ORIGINS + " origins"));
        } else {
            for (int i = 0; i < corsOrigins.size(); i++) {
                String reason = originProblem(corsOrigins.get(i));
                if (reason != null) {
                    errors.add(new FieldError("corsOrigins[" + i + "]", reason));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        List<String> origins = corsOrigins.stream().distinct().toList();
        tenantSession.bind(actor.tenantId());
        em.createNativeQuery("insert into app.tenant_security (tenant_id, mfa_required, cors_origins, updated_at, session_idle_minutes)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict (tenant_id) do update set mfa_required = excluded.mfa_required, "
                        + "cors_origins = excluded.cors_origins, updated_at = excluded.updated_at, "
                        + "session_idle_minutes = excluded.session_idle_minutes")
                .setParameter(1, actor.tenantId()).setParameter(2, mfaRequired).setParameter(3, json(origins))
                .setParameter(4, NativeValues.at(StoredTime.now())).setParameter(5, idle).executeUpdate();
        audit.append(actor, "settings.security_updated", "tenant", actor.tenantId().toString(),
                Map.of("mfaRequired", mfaRequired.toString(), "corsOrigins", String.join(" ", origins),
                        "sessionIdleMinutes", Integer.toString(idle)));
        afterCommit.run(() -> CACHE.invalidate(actor.tenantId()));
        feed.publish("security-settings", actor.tenantId().toString());
        return new Settings(mfaRequired, origins, idle);
    }

    static void onClusterChange(@jakarta.enterprise.event.Observes org.custodia.platform.persistence.ChangeFeed.ClusterChange change) {
        if (change.everything()) {
            CACHE.invalidateAll();
        } else if ("security-settings".equals(change.kind())) {
            CACHE.invalidate(UUID.fromString(change.parts().get(0)));
        }
    }

    /** An origin is scheme://host[:port], nothing more; http only for localhost. */
    static String originProblem(String origin) {
        if (origin == null || origin.isBlank()) {
            return "must be an origin such as https://app.example.com";
        }
        try {
            URI uri = new URI(origin);
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
            if (uri.getHost() == null || !bare || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return "must be scheme://host[:port] without path, query or credentials";
            }
            if (!"https".equals(uri.getScheme())
                    && !("http".equals(uri.getScheme()) && Set.of("localhost", "127.0.0.1").contains(uri.getHost()))) {
                return "must use https (http only for localhost)";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "must be an origin such as https://app.example.com";
        }
    }

    private static List<String> origins(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(List<String> origins) {
        try {
            return JSON.writeValueAsString(origins);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
