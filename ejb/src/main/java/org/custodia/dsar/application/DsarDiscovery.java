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
import org.custodia.connector.domain.SearchAnswer;
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

    /**
     * Searches one connector for the subject's data; a step a reviewer skipped passes without a search. False when
     * the connector answered 202: the step waits AWAITING for its signed callback ({@link #calledBack}). A request
     * whose process began before callbacks existed ({@code callbacksPossible} false) cannot wait: a 202 fails it.
     */
    public boolean discover(@TenantId UUID tenantId, UUID dsarId, String connectorIdText, String processInstanceId,
                            boolean callbacksPossible) {
        DsarRequest request = requests.find(dsarId)
                .orElseThrow(() -> new IllegalStateException("DSAR " + dsarId + " is not visible to tenant " + tenantId));
        UUID connectorId = UUID.fromString(connectorIdText);
        if (discovery.step(dsarId, connectorId).map(s -> s.status() == DiscoveryStep.Status.SKIPPED).orElse(false)) {
            return true;
        }
        SubjectIdentifiers identifiers = new SubjectIdentifiers(request.subjectId(), emailOf(request));
        SearchAnswer answer;
        try {
            answer = connectors.search(tenantId, connectorId, new DiscoveryCall(dsarId, request.type().name(), identifiers));
        } catch (ConnectorFailure e) {
            failures.record(tenantId, dsarId, connectorId, e.getMessage(), processInstanceId);
            throw new DiscoveryFailedException("connector " + connectorId + ": " + e.getMessage());
        }
        Actor engine = Actor.system(tenantId, DsarProgress.PROCESS, processInstanceId);
        if (answer.callsBack() && !callbacksPossible) {
            String cause = "the connector answered 202, but this request began before callbacks were supported: it must answer at once";
            failures.record(tenantId, dsarId, connectorId, cause, processInstanceId);
            throw new DiscoveryFailedException("connector " + connectorId + ": " + cause);
        }
        if (answer.callsBack()) {
            discovery.record(tenantId, dsarId, connectorId, DiscoveryStep.Status.AWAITING, null, StoredTime.now());
            audit.append(engine, "dsar.discovery.awaiting", "dsar", dsarId.toString(), Map.of("connectorId", connectorId.toString()));
            return false;
        }
        store(engine, dsarId, connectorId, answer.found(), "dsar.discovery.done");
        return true;
    }

    /**
     * A connector's verified callback: stores what it found and moves the waiting search on, in one transaction.
     * False for a webhook-id seen before (a repeated delivery: nothing changes again); 409 when no search of the
     * connector waits for a callback for that request; 503 (retry) while the 202 is still being recorded or when the
     * 24-hour timer fires at the same moment.
     */
    public boolean calledBack(@TenantId UUID tenantId, UUID connectorId, String webhookId, UUID dsarId, FoundData found) {
        if (!connectors.firstDelivery(tenantId, connectorId, webhookId, dsarId)) {
            return false;
        }
        DsarRequest request = requests.find(dsarId).orElse(null);
        DiscoveryStep.Status status = request == null ? null
                : discovery.step(dsarId, connectorId).map(DiscoveryStep::status).orElse(null);
        if (status == DiscoveryStep.Status.PENDING) {
            throw ProblemException.busy("search-in-flight", "Search still being recorded",
                    "The search this answers is still being recorded; send the callback again shortly.", 2);
        }
        String execution = status == DiscoveryStep.Status.AWAITING && request.processInstanceId() != null
                ? jobs.waitingForCallback(tenantId, request.processInstanceId(), connectorId).orElse(null) : null;
        if (execution == null) {
            throw ProblemException.conflict("requestId", "no search of this connector waits for a callback for that request");
        }
        discovery.replaceResults(tenantId, dsarId, connectorId, sealedResults(tenantId, dsarId, connectorId, found), StoredTime.now());
        discovery.calledBack(dsarId, connectorId, StoredTime.now());
        audit.append(Actor.system(tenantId, "connector-callback", webhookId), "dsar.discovery.called_back", "dsar", dsarId.toString(),
                facts(connectorId, found));
        if (!jobs.answer(tenantId, execution)) {
            throw ProblemException.busy("search-in-flight", "Search changed meanwhile",
                    "The search changed while the callback was stored; send the callback again shortly.", 2);
        }
        return true;
    }

    /**
     * The callback did not come within its wait: the step FAILED and an incident, until a reviewer retries (the
     * connector is asked again: false) or skips it (true).
     */
    public boolean callbackMissed(@TenantId UUID tenantId, UUID dsarId, String connectorIdText, String processInstanceId) {
        UUID connectorId = UUID.fromString(connectorIdText);
        DiscoveryStep.Status status = discovery.step(dsarId, connectorId).map(DiscoveryStep::status).orElse(DiscoveryStep.Status.AWAITING);
        if (status == DiscoveryStep.Status.SKIPPED || status == DiscoveryStep.Status.PENDING) {
            return status == DiscoveryStep.Status.SKIPPED;
        }
        String cause = "the connector did not call back within 24 hours";
        failures.record(tenantId, dsarId, connectorId, cause, processInstanceId);
        throw new DiscoveryFailedException("connector " + connectorId + ": " + cause);
    }

    private void store(Actor actor, UUID dsarId, UUID connectorId, FoundData found, String event) {
        UUID tenantId = actor.tenantId();
        discovery.replaceResults(tenantId, dsarId, connectorId, sealedResults(tenantId, dsarId, connectorId, found), StoredTime.now());
        discovery.record(tenantId, dsarId, connectorId, DiscoveryStep.Status.DONE, null, StoredTime.now());
        audit.append(actor, event, "dsar", dsarId.toString(), facts(connectorId, found));
    }

    private List<DiscoveryRepository.SealedResult> sealedResults(UUID tenantId, UUID dsarId, UUID connectorId, FoundData found) {
        List<DiscoveryRepository.SealedResult> results = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> category : found.byCategory().entrySet()) {
            results.add(new DiscoveryRepository.SealedResult(category.getKey(), category.getValue().size(),
                    sealed.seal(tenantId, resultPurpose(dsarId, connectorId, category.getKey()), json(category.getValue()))));
        }
        return results;
    }

    private static Map<String, Object> facts(UUID connectorId, FoundData found) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("connectorId", connectorId.toString());
        facts.put("categories", found.byCategory().size());
        facts.put("rows", found.byCategory().values().stream().mapToInt(List::size).sum());
        return facts;
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
