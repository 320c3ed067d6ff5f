package org.custodia.connector.application;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.connector.domain.CategoryQuery;
import org.custodia.connector.domain.Connector;
import org.custodia.connector.domain.ConnectorFailure;
import org.custodia.connector.domain.ConnectorKind;
import org.custodia.connector.domain.DiscoveryCall;
import org.custodia.connector.domain.FoundData;
import org.custodia.connector.domain.SearchAnswer;
import org.custodia.connector.domain.PostgresJdbcUrl;
import org.custodia.connector.domain.SubjectQuery;
import org.custodia.connector.infrastructure.ConnectorRepository;
import org.custodia.connector.infrastructure.HttpConnectorClient;
import org.custodia.connector.infrastructure.JdbcConnectorClient;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.platform.context.Actor;
import org.custodia.platform.outbound.OutboundPolicy;
import org.custodia.platform.outbound.StandardWebhookSignature;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/**
 * The tenant's connectors: the systems discovery searches for a subject's data. Passwords and signing secrets are
 * sealed per connector (bound to its id) and leave the server only once: an HTTP connector's secret in the answer
 * that creates it. Audit events name the connector, never its credentials or queries.
 */
@Stateless
@TenantScoped
public class ConnectorService {

    static final int MAX_QUERIES = 50;

    /** A connector just created; {@code secret} is the HTTP signing secret, shown this once (null for JDBC). */
    public record Created(Connector connector, String secret) {
    }

    @Inject
    ConnectorRepository connectors;

    @Inject
    SealedSecrets sealed;

    @Inject
    AuditTrail audit;

    @Inject
    JdbcConnectorClient jdbc;

    @Inject
    HttpConnectorClient http;

    public Created create(Actor actor, ConnectorDefinition d) {
        ConnectorKind kind = kind(d == null ? null : d.kind());
        Connector checked = checked(actor.tenantId(), d, kind, true, null);
        if (connectors.findByName(checked.name()).isPresent()) {
            throw ProblemException.conflict("name", "a connector with this name exists");
        }
        String secret = kind == ConnectorKind.HTTP ? StandardWebhookSignature.newSecret() : d.password();
        connectors.add(checked, sealed.sealText(actor.tenantId(), purpose(checked.id()), secret));
        audit.append(actor, "connector.created", "connector", checked.id().toString(), facts(checked));
        return new Created(find(actor.tenantId(), checked.id()), kind == ConnectorKind.HTTP ? secret : null);
    }

    public Connector update(Actor actor, UUID id, ConnectorDefinition d) {
        Connector existing = find(actor.tenantId(), id);
        Connector checked = checked(actor.tenantId(), d, existing.kind(), false, existing);
        connectors.findByName(checked.name()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw ProblemException.conflict("name", "a connector with this name exists");
        });
        byte[] secret = existing.kind() == ConnectorKind.JDBC && d.password() != null
                ? sealed.sealText(actor.tenantId(), purpose(id), d.password()) : null;
        connectors.update(checked, secret);
        Map<String, Object> facts = facts(checked);
        facts.put("passwordChanged", secret != null);
        audit.append(actor, "connector.updated", "connector", id.toString(), facts);
        return find(actor.tenantId(), id);
    }

    public void delete(Actor actor, UUID id) {
        Connector existing = find(actor.tenantId(), id);
        connectors.delete(id);
        audit.append(actor, "connector.deleted", "connector", id.toString(), facts(existing));
    }

    public List<Connector> list(@TenantId UUID tenantId) {
        return connectors.list();
    }

    public Connector find(@TenantId UUID tenantId, UUID id) {
        return connectors.find(id).orElseThrow(() -> ProblemException.notFound("connector " + id));
    }

    /** The connectors discovery searches: the enabled ones, oldest first. */
    public List<UUID> enabledIds(@TenantId UUID tenantId) {
        return connectors.enabledIds();
    }

    /**
     * Searches one connector. Throws {@link ConnectorFailure} with a cause fit to show (no secret, no identifier)
     * when it cannot; anything unexpected becomes one too, its message scrubbed the same way.
     */
    public SearchAnswer search(@TenantId UUID tenantId, UUID connectorId, DiscoveryCall call) {
        Connector c = connectors.find(connectorId)
                .orElseThrow(() -> new ConnectorFailure("the connector " + connectorId + " no longer exists"));
        if (!c.enabled()) {
            throw new ConnectorFailure("the connector " + c.name() + " is disabled");
        }
        String secret = sealed.sealedText(connectors.sealedSecret(connectorId), tenantId, purpose(connectorId));
        try {
            return c.kind() == ConnectorKind.JDBC ? new SearchAnswer(jdbc.search(c, secret, call)) : http.search(c, secret, call);
        } catch (ConnectorFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConnectorFailure(e.getClass().getSimpleName() + ": " + ConnectorFailure.scrub(e.getMessage(),
                    java.util.Arrays.asList(secret, call.identifiers().subjectId(), call.identifiers().email())));
        }
    }

    /**
     * Whether a callback is signed by the connector's secret (any of the header's signatures, the timestamp within
     * five minutes of now); false when the secret no longer opens.
     */
    public boolean signedByConnector(@TenantId UUID tenantId, UUID connectorId, String id, String timestamp, String signature,
                                     byte[] body) {
        byte[] sealedSecret = connectors.sealedSecret(connectorId);
        if (sealedSecret == null) {
            return false;
        }
        String secret;
        try {
            secret = sealed.sealedText(sealedSecret, tenantId, purpose(connectorId));
        } catch (IllegalStateException e) {
            return false; // its secret no longer opens (the key is gone): nobody can sign for it
        }
        return StandardWebhookSignature.verify(secret, id, timestamp, signature, body, java.time.Instant.now().getEpochSecond());
    }

    /** Records a callback's webhook-id; false when it was recorded before (a repeated delivery: do nothing again). */
    public boolean firstDelivery(@TenantId UUID tenantId, UUID connectorId, String webhookId, UUID dsarId) {
        return connectors.recordCallback(tenantId, connectorId, webhookId, dsarId, StoredTime.now());
    }

    private static String purpose(UUID connectorId) {
        return "connector-secret:" + connectorId;
    }

    private static Map<String, Object> facts(Connector c) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", c.name());
        facts.put("kind", c.kind().name());
        facts.put("enabled", c.enabled());
        facts.put("categories", c.queries().stream().map(CategoryQuery::category).toList());
        return facts;
    }

    private static ConnectorKind kind(String kind) {
        for (ConnectorKind k : ConnectorKind.values()) {
            if (k.name().equals(kind)) {
                return k;
            }
        }
        throw ProblemException.invalid("kind", "must be one of " + List.of(ConnectorKind.values()));
    }

    /** The definition checked field by field (all problems at once); nothing is written when any is found. */
    private static Connector checked(UUID tenantId, ConnectorDefinition d, ConnectorKind kind, boolean creating, Connector existing) {
        if (d == null) {
            throw ProblemException.invalid("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (!creating && d.kind() != null && !d.kind().equals(kind.name())) {
            errors.add(new FieldError("kind", "cannot change; create another connector"));
        }
        if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        List<CategoryQuery> queries = d.queries() == null ? List.of() : d.queries();
        if (kind == ConnectorKind.JDBC) {
            try {
                PostgresJdbcUrl.parse(d.jdbcUrl());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("jdbcUrl", e.getMessage()));
            }
            if (d.user() == null || d.user().isBlank() || d.user().length() > 200) {
                errors.add(new FieldError("user", "must be 1 to 200 characters"));
            }
            if ((creating && d.password() == null) || (d.password() != null && (d.password().isEmpty() || d.password().length() > 1000))) {
                errors.add(new FieldError("password", creating ? "is required, 1 to 1000 characters" : "must be 1 to 1000 characters, or absent to keep it"));
            }
            if (d.endpointUrl() != null) {
                errors.add(new FieldError("endpointUrl", "belongs to HTTP connectors"));
            }
            if (queries.isEmpty() || queries.size() > MAX_QUERIES) {
                errors.add(new FieldError("queries", "must hold 1 to " + MAX_QUERIES + " queries, one per data category"));
            }
            Set<String> categories = new HashSet<>();
            for (int i = 0; i < queries.size(); i++) {
                CategoryQuery q = queries.get(i);
                if (q == null || q.category() == null || !CategoryQuery.CATEGORY.matcher(q.category()).matches()) {
                    errors.add(new FieldError("queries[" + i + "].category", "must be 1 to 64 of a-z, 0-9, _ and -, starting with a letter"));
                } else if (!categories.add(q.category())) {
                    errors.add(new FieldError("queries[" + i + "].category", "appears twice"));
                }
                try {
                    SubjectQuery.parse(q == null ? null : q.sql());
                } catch (SubjectQuery.Invalid e) {
                    errors.add(new FieldError("queries[" + i + "].sql", e.getMessage()));
                }
            }
        } else {
            checkEndpoint(d.endpointUrl(), errors);
            if (d.jdbcUrl() != null || d.user() != null || d.password() != null || !queries.isEmpty()) {
                errors.add(new FieldError("kind", "an HTTP connector has only endpointUrl; its signing secret is made by the server"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        var now = StoredTime.now();
        return new Connector(existing == null ? UUID.randomUUID() : existing.id(), tenantId, d.name().strip(), kind,
                d.enabled() == null || d.enabled(), kind == ConnectorKind.JDBC ? d.jdbcUrl() : null,
                kind == ConnectorKind.JDBC ? d.user() : null, kind == ConnectorKind.HTTP ? d.endpointUrl() : null,
                kind == ConnectorKind.JDBC ? queries : List.of(), existing != null && existing.secretSet(),
                existing == null ? now : existing.createdAt(), now);
    }

    private static void checkEndpoint(String url, List<FieldError> errors) {
        if (url == null || url.length() > 2000) {
            errors.add(new FieldError("endpointUrl", "is required, at most 2000 characters"));
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (!OutboundPolicy.fromSettings().allowsScheme(scheme)) {
                errors.add(new FieldError("endpointUrl", "must be an https URL"));
            } else if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                errors.add(new FieldError("endpointUrl", "must name a host, without user info or fragment"));
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError("endpointUrl", "is not a URL"));
        }
    }
}
