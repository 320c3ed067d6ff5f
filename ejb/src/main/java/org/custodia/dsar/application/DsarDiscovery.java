package org.custodia.dsar.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.custodia.audit.application.AuditTrail;
import org.custodia.connector.application.ConnectorService;
import org.custodia.connector.domain.ConnectorFailure;
import org.custodia.connector.domain.DiscoveryCall;
import org.custodia.connector.domain.FoundData;
import org.custodia.connector.domain.SubjectIdentifiers;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.dsar.domain.DiscoveryStep;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.SubjectContact;
import org.custodia.dsar.infrastructure.DiscoveryJobs;
import org.custodia.dsar.infrastructure.DiscoveryRepository;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;

/**
 * Discovery of dsar.bpmn: which connectors a request is searched in, each search (its result sealed per request,
 * connector and category), and a reviewer's retry or skip of a failed search without restarting the request.
 * A failed search is recorded FAILED with a cause that holds no secret and no identifier, then thrown so the engine
 * retries it ({@code R3/PT1M}) and finally holds it as an incident.
 */
@Stateless
@TenantScoped
public class DsarDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_SKIP_REASON = 2000;

    @Inject
    DsarRepository requests;

    @Inject
    DiscoveryRepository discovery;

    @Inject
    DiscoveryFailures failures;

    @Inject
    DiscoveryJobs jobs;

    @Inject
    ConnectorService connectors;

    @Inject
    SealedSecrets sealed;

    @Inject
    DsarContacts contacts;

    @Inject
    AuditTrail audit;

    /** The connectors the request is searched in (the tenant's enabled ones), each step recorded PENDING. */
    public List<String> plan(@TenantId UUID tenantId, UUID dsarId) {
        List<UUID> ids = connectors.enabledIds(tenantId);
        discovery.plan(tenantId, dsarId, ids, StoredTime.now());
        return ids.stream().map(UUID::toString).toList();
    }

    /** Searches one connector for the request's subject; a step a reviewer skipped passes without a search. */
    public void discover(@TenantId UUID tenantId, UUID dsarId, String connectorIdText, String processInstanceId) {
        DsarRequest request = requests.find(dsarId)
                .orElseThrow(() -> new IllegalStateException("DSAR " + dsarId + " is not visible to tenant " + tenantId));
        UUID connectorId = UUID.fromString(connectorIdText);
        if (discovery.step(dsarId, connectorId).map(s -> s.status() == DiscoveryStep.Status.SKIPPED).orElse(false)) {
            return;
        }
        SubjectIdentifiers identifiers = new SubjectIdentifiers(request.subjectId(), emailOf(request));
        FoundData found;
        try {
            found = connectors.search(tenantId, connectorId, new DiscoveryCall(dsarId, request.type().name(), identifiers));
        } catch (ConnectorFailure e) {
            failures.record(tenantId, dsarId, connectorId, e.getMessage(), processInstanceId);
            throw new DiscoveryFailedException("connector " + connectorId + ": " + e.getMessage());
        }
        List<DiscoveryRepository.SealedResult> results = new ArrayList<>();
        int rows = 0;
        for (Map.Entry<String, List<Map<String, Object>>> category : found.byCategory().entrySet()) {
            results.add(new DiscoveryRepository.SealedResult(category.getKey(), category.getValue().size(),
                    sealed.seal(tenantId, resultPurpose(dsarId, connectorId, category.getKey()), json(category.getValue()))));
            rows += category.getValue().size();
        }
        discovery.replaceResults(tenantId, dsarId, connectorId, results, StoredTime.now());
        discovery.record(tenantId, dsarId, connectorId, DiscoveryStep.Status.DONE, null, StoredTime.now());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("connectorId", connectorId.toString());
        facts.put("categories", results.size());
        facts.put("rows", rows);
        audit.append(Actor.system(tenantId, DsarProgress.PROCESS, processInstanceId), "dsar.discovery.done", "dsar",
                dsarId.toString(), facts);
    }

    public List<DiscoveryStep> steps(@TenantId UUID tenantId, UUID dsarId) {
        requests.find(dsarId).orElseThrow(() -> ProblemException.notFound("DSAR " + dsarId));
        return discovery.steps(dsarId);
    }

    /** What one connector found for the request, opened: category → rows. For the response package. */
    public Map<String, List<Map<String, Object>>> found(@TenantId UUID tenantId, UUID dsarId, UUID connectorId) {
        Map<String, List<Map<String, Object>>> found = new LinkedHashMap<>();
        for (DiscoveryRepository.SealedResult r : discovery.results(dsarId, connectorId)) {
            byte[] clear = sealed.open(tenantId, resultPurpose(dsarId, connectorId, r.category()), r.sealedData());
            try {
                found.put(r.category(), JSON.readValue(clear, new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() { }));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored discovery result does not parse", e);
            }
        }
        return found;
    }

    /** A reviewer runs a failed step once more (after fixing the connector); the request is not restarted. */
    public DiscoveryStep retry(Actor actor, UUID dsarId, UUID connectorId) {
        DsarRequest request = failedStepOf(actor.tenantId(), dsarId, connectorId);
        if (!jobs.runAgain(actor.tenantId(), request.processInstanceId(), connectorId)) {
            throw ProblemException.conflict("connectorId", "the failure is still being recorded by the engine; try again shortly");
        }
        discovery.decide(dsarId, connectorId, DiscoveryStep.Status.PENDING, null, actor.principal(), StoredTime.now());
        audit.append(actor, "dsar.discovery.retried", "dsar", dsarId.toString(), Map.of("connectorId", connectorId.toString()));
        return discovery.step(dsarId, connectorId).orElseThrow();
    }

    /** A reviewer lets a failed step pass without that system's data, giving the reason (kept with the step). */
    public DiscoveryStep skip(Actor actor, UUID dsarId, UUID connectorId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_SKIP_REASON) {
            throw ProblemException.invalid("reason", "must be 1 to " + MAX_SKIP_REASON + " characters");
        }
        DsarRequest request = failedStepOf(actor.tenantId(), dsarId, connectorId);
        if (!jobs.runAgain(actor.tenantId(), request.processInstanceId(), connectorId)) {
            throw ProblemException.conflict("connectorId", "the failure is still being recorded by the engine; try again shortly");
        }
        discovery.decide(dsarId, connectorId, DiscoveryStep.Status.SKIPPED, reason.strip(), actor.principal(), StoredTime.now());
        audit.append(actor, "dsar.discovery.skipped", "dsar", dsarId.toString(), Map.of("connectorId", connectorId.toString()));
        return discovery.step(dsarId, connectorId).orElseThrow();
    }

    private DsarRequest failedStepOf(UUID tenantId, UUID dsarId, UUID connectorId) {
        DsarRequest request = requests.find(dsarId).orElseThrow(() -> ProblemException.notFound("DSAR " + dsarId));
        DiscoveryStep step = discovery.step(dsarId, connectorId)
                .orElseThrow(() -> ProblemException.notFound("discovery step of connector " + connectorId));
        if (step.status() != DiscoveryStep.Status.FAILED) {
            throw ProblemException.conflict("connectorId", "the step is " + step.status() + ", not FAILED");
        }
        return request;
    }

    /**
     * The subject's email for connectors that search by it: the address the request was made with (sealed in
     * {@code dsar_contact}, confirmed by the subject for a public request); null when it has none.
     */
    private String emailOf(DsarRequest request) {
        return contacts.of(request.tenantId(), request.id()).map(SubjectContact::email).orElse(null);
    }

    private static String resultPurpose(UUID dsarId, UUID connectorId, String category) {
        return "dsar-discovery:" + dsarId + ":" + connectorId + ":" + category;
    }

    private static byte[] json(List<Map<String, Object>> rows) {
        try {
            return JSON.writeValueAsBytes(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
