package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

import org.custodia.dsar.domain.DsarDeadlinePolicy;
import org.custodia.dsar.domain.Jurisdiction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * dsar.bpmn on the embedded engine: a request moves through its steps on the job executor, its deadline timers
 * fire while it is open, and everything is audited under the instance's tenant.
 */
@ExtendWith(ArquillianExtension.class)
class DsarTimerIT {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void aStaffSubmittedRequestIsAcknowledgedSearchesNoConnectorAndWaitsForReviewWithoutMilestones() throws InterruptedException {
        Api.Tenant t = Api.newTenant("dsar-flow");
        Instant receivedAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply submitted = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"US_CA_CCPA\","
                + "\"subject\":\"c-1\",\"receivedAt\":\"" + receivedAt + "\"}");
        assertThat(submitted.status()).as(submitted.raw().body()).isEqualTo(201);
        DsarDeadlinePolicy.Deadline expected = DsarDeadlinePolicy.deadline(Jurisdiction.US_CA_CCPA, receivedAt, ZoneOffset.UTC);
        assertThat(Instant.parse(submitted.json().get("dueAt").asText())).isEqualTo(expected.dueAt());
        assertThat(Instant.parse(submitted.json().get("warningAt").asText())).isEqualTo(expected.warningAt());
        assertThat(submitted.json().get("identityCheck").asText()).isEqualTo("VERIFIED");
        String dsarId = submitted.json().get("id").asText();

        JsonNode dsar = waitForRequest(t.api(), dsarId, r -> r.get("status").asText().equals("IN_REVIEW"));

        assertThat(dsar.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(dsar.get("breached").asBoolean()).isFalse();
        assertThat(dsar.get("escalatedAt").isNull()).isTrue();
        List<JsonNode> trail = eventsOf(t.api(), dsarId);
        assertThat(trail).extracting(e -> e.get("eventType").asText()).containsExactly(
                "dsar.received", "dsar.identity.attested", "dsar.acknowledged", "dsar.package.compiled");
        assertThat(trail.get(1).get("actor").asText()).as("the caller attests the identity")
                .isEqualTo(trail.get(0).get("actor").asText());
        assertThat(trail.get(2).get("actor").asText()).isEqualTo("system:dsar-process");
        assertThat(trail.get(2).get("payload").get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aRequestWhoseIdentityNeedsDocumentsWaitsForTheDocumentCheck() throws InterruptedException {
        Api.Tenant t = Api.newTenant("dsar-documents");
        Api.Reply submitted = t.api().post("/dsars",
                "{\"type\":\"PORTABILITY\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"c-2\",\"identity\":\"DOCUMENTS\"}");
        assertThat(submitted.status()).as(submitted.raw().body()).isEqualTo(201);
        String dsarId = submitted.json().get("id").asText();

        JsonNode dsar = waitForRequest(t.api(), dsarId, r -> r.get("status").asText().equals("AWAITING_IDENTITY"));

        assertThat(dsar.get("identityCheck").asText()).isEqualTo("DOCUMENTS");
        assertThat(eventsOf(t.api(), dsarId)).extracting(e -> e.get("eventType").asText())
                .containsExactly("dsar.received", "dsar.identity.awaited");
    }

    @Test
    void aRequestReceivedLongAgoIsWarnedFlaggedAndEscalatedWhileInReview_inItsTenantOnly() throws InterruptedException {
        Api.Tenant a = Api.newTenant("timer-a");
        Api.Tenant b = Api.newTenant("timer-b");
        Instant receivedAt = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply submitted = b.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ERASURE\",\"jurisdiction\":\"EU_GDPR\","
                + "\"subject\":\"cust-981\",\"receivedAt\":\"" + receivedAt + "\"}");
        assertThat(submitted.status()).as(submitted.raw().body()).isEqualTo(201);
        String dsarId = submitted.json().get("id").asText();

        JsonNode dsar = waitForRequest(b.api(), dsarId, r -> r.get("status").asText().equals("IN_REVIEW")
                && r.get("breached").asBoolean() && !r.get("escalatedAt").isNull());

        assertThat(Instant.parse(dsar.get("breachedAt").asText())).isAfter(Instant.parse(dsar.get("dueAt").asText()));
        assertThat(Instant.parse(dsar.get("escalatedAt").asText())).isAfterOrEqualTo(Instant.parse(dsar.get("breachedAt").asText())
                .minusSeconds(5));
        List<String> milestones = waitForEvents(b.api(), dsarId,
                List.of("dsar.deadline.warning", "dsar.deadline.breached", "dsar.escalated"));
        assertThat(milestones).containsExactlyInAnyOrder("dsar.deadline.warning", "dsar.deadline.breached", "dsar.escalated");
        JsonNode breach = eventsOf(b.api(), dsarId).stream()
                .filter(e -> e.get("eventType").asText().equals("dsar.deadline.breached")).findFirst().orElseThrow();
        assertThat(breach.get("actor").asText()).isEqualTo("system:deadline-timer");
        assertThat(breach.get("payload").get("dueAt").asText()).isEqualTo(dsar.get("dueAt").asText());
        assertThat(eventsOf(b.api(), dsarId)).extracting(e -> e.get("eventType").asText())
                .as("still open: neither delivered nor handed over").doesNotContain("dsar.delivered", "dsar.handed_over");

        assertThat(events(a.api())).noneMatch(e -> e.get("eventType").asText().startsWith("dsar."));
        assertThat(b.api().get("/audit/verify").json().get("intact").asBoolean()).isTrue();
        assertThat(a.api().get("/audit/verify").json().get("eventCount").asLong()).isEqualTo(3); // A's own bootstrap
    }

    static List<JsonNode> events(Api api) {
        List<JsonNode> list = new java.util.ArrayList<>();
        api.get("/audit/events?limit=1000").json().forEach(list::add);
        return list;
    }

    static List<JsonNode> eventsOf(Api api, String dsarId) {
        return events(api).stream().filter(e -> e.get("entityId").asText().equals(dsarId)).toList();
    }

    /** The request as GET /dsars/{id} shows it once it matches, or as it is when patience runs out. */
    private static JsonNode waitForRequest(Api api, String dsarId, Predicate<JsonNode> ready) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        JsonNode dsar;
        do {
            dsar = api.get("/dsars/" + dsarId).json();
            if (ready.test(dsar)) {
                return dsar;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(until));
        return dsar;
    }

    private static List<String> waitForEvents(Api api, String dsarId, List<String> wanted) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        List<String> found;
        do {
            found = eventsOf(api, dsarId).stream().map(e -> e.get("eventType").asText()).filter(wanted::contains).toList();
            if (found.size() >= wanted.size()) {
                return found;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(until));
        return found;
    }
}
