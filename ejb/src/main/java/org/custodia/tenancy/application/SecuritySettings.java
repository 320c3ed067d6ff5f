package org.custodia.tenancy.application;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.audit.application.AuditTrail;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.AfterCommit;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.infrastructure.TenantSettingsRepository;

/**
 * A tenant's security settings: whether local accounts must use MFA, which browser origins may call the
 * API, and after how many idle minutes a console session ends (5 to 480, default 30).
 */
@Stateless
@TenantScoped
public class SecuritySettings {

    public record Settings(boolean mfaRequired, List<String> corsOrigins, int sessionIdleMinutes) {
        public static final int DEFAULT_IDLE_MINUTES = 30;
        public static final Settings DEFAULTS = new Settings(false, List.of(), DEFAULT_IDLE_MINUTES);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ORIGINS = 50;
    /** read on every browser request; a change applies at commit, here and (change feed) on the other nodes */
    private static final Cache<UUID, Settings> CACHE = Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(60)).build();

    @Inject
    TenantSettingsRepository settings;

    @Resource
    SessionContext context;

    @Inject
    AuditTrail audit;

    @Inject
    AfterCommit afterCommit;

    @Inject
    org.custodia.platform.persistence.ChangeFeed feed;

    /**
     * The tenant's settings, from this node's cache when it has them: a cache hit touches no database (the
     * browser path calls this without a transaction), a miss reads them through {@link #load}.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Settings of(@TenantId UUID tenantId) {
        Settings cached = CACHE.getIfPresent(tenantId);
        if (cached != null) {
            return cached;
        }
        Settings s = context.getBusinessObject(SecuritySettings.class).load(tenantId);
        CACHE.put(tenantId, s);
        return s;
    }

    /** The tenant's settings as stored (defaults when unset), bypassing the cache. */
    public Settings load(@TenantId UUID tenantId) {
        return settings.security().map(r -> new Settings(r.mfaRequired(), origins(r.corsOrigins()), r.sessionIdleMinutes()))
                .orElse(Settings.DEFAULTS);
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
        settings.saveSecurity(actor.tenantId(), new TenantSettingsRepository.StoredSecurity(mfaRequired, json(origins), idle),
                StoredTime.now());
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
