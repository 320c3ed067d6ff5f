package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The task API over the DSAR review task: APPROVER users see, claim, delegate and complete it; nobody else
 * sees or works it; another tenant does not find it; a refused decision writes nothing. Tasks are found by
 * their business key (the DSAR id), never by the model's element ids.
 */
@ExtendWith(ArquillianExtension.class)
class TaskApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    @Test
    void approversWorkTheReviewTaskAndNobodyElseSeesIt() throws Exception {
        Api.Tenant t = Api.newTenant("tasks");
        Accounts.Account anna = Accounts.invited(t, "APPROVER");
        Accounts.Account ben = Accounts.invited(t, "APPROVER");
        Accounts.Account auditor = Accounts.invited(t, "AUDITOR");
        Accounts.Account it = Accounts.invited(t, "IT");
        Accounts.Account admin = Accounts.invited(t, "ADMIN");
        // a custom role below APPROVER that may work tasks but is no candidate of the DSAR review
        Api.Reply role = t.api().post("/roles", "{\"name\":\"task-reader\",\"description\":\"reads tasks\","
                + "\"permissions\":[\"dsar:view\",\"task:view\",\"task:work\"]}");
        assertThat(role.status()).as(role.raw().body()).isEqualTo(201);
        Accounts.Account reader = Accounts.invited(t, "task-reader");
        Api annaApi = anna.session();
        Api benApi = ben.session();

        JsonNode dsar = submitDsar(t);
        String dsarId = dsar.get("id").asText();
        JsonNode task = awaitTask(annaApi, "", dsarId).orElseThrow(() -> new AssertionError("no review task for " + dsarId));
        String taskId = task.get("id").asText();
        assertThat(task.get("processKey").asText()).isEqualTo("dsar");
        assertThat(task.get("assignee").isNull()).isTrue();
        assertThat(task.get("candidateGroups")).extracting(JsonNode::asText).containsExactly("APPROVER");
        assertThat(Instant.parse(task.get("dueAt").asText()))
                .isEqualTo(Instant.parse(dsar.get("dueAt").asText()).truncatedTo(ChronoUnit.MILLIS));
        assertThat(task.toString()).doesNotContain(dsar.get("subject").asText()); // nothing personal
        assertThat(annaApi.get("/tasks/" + taskId).json().get("businessKey").asText()).isEqualTo(dsarId);
        assertThat(annaApi.get("/tasks?businessKey=" + dsarId).json()).extracting(n -> n.get("id").asText()).containsExactly(taskId);
        assertThat(annaApi.get("/tasks?businessKey=" + java.util.UUID.randomUUID()).json()).as("another request's: none").isEmpty();
        assertThat(annaApi.get("/tasks?businessKey=").status()).isEqualTo(400);
        Accounts.Account manager = Accounts.invited(t, "MANAGER");
        Api.Reply notACandidate = manager.session().get("/tasks?businessKey=" + dsarId);
        assertThat(notACandidate.status()).isEqualTo(200);
        assertThat(notACandidate.json()).as("a MANAGER is no candidate of a DSAR review: the filter finds nothing").isEmpty();

        // roles without the task permissions are refused; an ADMIN holds them but is no candidate
        assertThat(auditor.session().get("/tasks").status()).isEqualTo(403);
        assertThat(it.session().get("/tasks/" + taskId).status()).isEqualTo(403);
        Api adminApi = admin.session();
        Api.Reply adminList = adminApi.get("/tasks");
        assertThat(adminList.status()).isEqualTo(200);
        assertThat(byBusinessKey(adminList.json(), dsarId)).isEmpty();
        assertThat(adminApi.get("/tasks/" + taskId).status()).as("task:reassign shows it").isEqualTo(200);
        assertThat(adminApi.post("/tasks/" + taskId + "/claim", "").status()).isEqualTo(403);
        assertThat(reader.session().get("/tasks/" + taskId).status()).isEqualTo(403);

        // another tenant's APPROVER does not find it
        Api.Tenant b = Api.newTenant("tasks-b");
        Api bApprover = AccountAdministrationIT.key(b, "APPROVER");
        assertThat(bApprover.get("/tasks/" + taskId).status()).isEqualTo(404);
        assertThat(bApprover.post("/tasks/" + taskId + "/claim", "").status()).isEqualTo(404);
        assertThat(bApprover.post("/tasks/" + taskId + "/complete", "{\"decision\":\"APPROVE\"}").status()).isEqualTo(404);
        assertThat(byBusinessKey(bApprover.get("/tasks?status=unassigned").json(), dsarId)).isEmpty();

        // Anna claims; Ben's claim is a conflict, and the task leaves his open list
        Api.Reply claimed = annaApi.post("/tasks/" + taskId + "/claim", "");
        assertThat(claimed.status()).as(claimed.raw().body()).isEqualTo(200);
        assertThat(claimed.json().get("assignee").asText()).isEqualTo(anna.userId());
        Api.Reply second = benApi.post("/tasks/" + taskId + "/claim", "");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(byBusinessKey(benApi.get("/tasks").json(), dsarId)).isEmpty();
        assertThat(byBusinessKey(benApi.get("/tasks?status=assigned&assignee=" + anna.userId()).json(), dsarId)).isPresent();
        assertThat(byBusinessKey(annaApi.get("/tasks?status=mine").json(), dsarId)).isPresent();
        assertThat(benApi.post("/tasks/" + taskId + "/complete", "{\"decision\":\"APPROVE\"}").status()).isEqualTo(409);

        // refused decisions and delegations write nothing: no decision row, no audit event, the task still Anna's
        Map<String, Long> before = BadInputIT.rowCounts();
        Api.Reply noReason = annaApi.post("/tasks/" + taskId + "/complete", "{\"decision\":\"REJECT\",\"comment\":\"see file\"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
        Api.Reply upwards = annaApi.post("/tasks/" + taskId + "/delegate", "{\"userId\":\"" + admin.userId() + "\"}");
        assertThat(upwards.status()).isEqualTo(403);
        assertThat(annaApi.post("/tasks/" + taskId + "/delegate", "{\"userId\":\"" + auditor.userId() + "\"}").status())
                .as("the auditor holds audit:export, which Anna lacks").isEqualTo(403);
        Api.Reply notCandidate = annaApi.post("/tasks/" + taskId + "/delegate", "{\"userId\":\"" + reader.userId() + "\"}");
        assertThat(notCandidate.status()).as(notCandidate.raw().body()).isEqualTo(422);
        assertThat(notCandidate.json().get("errors").get(0).get("field").asText()).isEqualTo("userId");
        Api.Reply stranger = annaApi.post("/tasks/" + taskId + "/delegate", "{\"userId\":\"" + java.util.UUID.randomUUID() + "\"}");
        assertThat(stranger.status()).isEqualTo(422);
        assertThat(BadInputIT.rowCounts()).isEqualTo(before);
        assertThat(decisionsOf(taskId)).isEmpty();
        assertThat(annaApi.get("/tasks/" + taskId).json().get("assignee").asText()).isEqualTo(anna.userId());

        // an equal may release a colleague's task (one on leave), a non-candidate may not; Anna takes it back
        assertThat(reader.session().post("/tasks/" + taskId + "/unclaim", "").status()).isEqualTo(403);
        Api.Reply released = benApi.post("/tasks/" + taskId + "/unclaim", "");
        assertThat(released.status()).as(released.raw().body()).isEqualTo(200);
        assertThat(released.json().get("assignee").isNull()).isTrue();
        assertThat(annaApi.post("/tasks/" + taskId + "/claim", "").status()).isEqualTo(200);

        // Anna hands the task to Ben, who rejects it with a reason
        Api.Reply delegated = annaApi.post("/tasks/" + taskId + "/delegate", "{\"userId\":\"" + ben.userId() + "\"}");
        assertThat(delegated.status()).as(delegated.raw().body()).isEqualTo(200);
        assertThat(delegated.json().get("assignee").asText()).isEqualTo(ben.userId());
        assertThat(annaApi.post("/tasks/" + taskId + "/claim", "").status()).isEqualTo(409);
        String reason = "Manifestly excessive: the fourth identical request this month";
        Api.Reply completed = benApi.post("/tasks/" + taskId + "/complete",
                "{\"decision\":\"REJECT\",\"reason\":\"" + reason + "\",\"comment\":\"refusal notice drafted\"}");
        assertThat(completed.status()).as(completed.raw().body()).isEqualTo(200);
        assertThat(completed.json().get("decision").asText()).isEqualTo("REJECT");
        assertThat(completed.json().get("businessKey").asText()).isEqualTo(dsarId);

        assertThat(decisionsOf(taskId)).containsExactly(List.of(t.id().toString(), "dsar", dsarId, "REJECT", reason,
                "refusal notice drafted", ben.userId()));
        List<JsonNode> events = taskEvents(t, taskId);
        assertThat(events).extracting(e -> e.get("eventType").asText())
                .containsExactly("task.claimed", "task.unclaimed", "task.claimed", "task.delegated", "task.completed");
        JsonNode completion = events.get(4);
        assertThat(completion.get("actor").asText()).isEqualTo("user:" + ben.userId());
        assertThat(completion.get("payload").get("decision").asText()).isEqualTo("REJECT");
        assertThat(completion.get("payload").get("businessKey").asText()).isEqualTo(dsarId);
        assertThat(completion.get("payload").toString()).doesNotContain("Manifestly", "refusal notice");
        assertThat(events.get(1).get("actor").asText()).isEqualTo("user:" + ben.userId());
        assertThat(events.get(1).get("payload").get("previousAssignee").asText()).isEqualTo(anna.userId());
        assertThat(events.get(3).get("payload").get("assignee").asText()).isEqualTo(ben.userId());

        // the task is gone
        assertThat(benApi.get("/tasks/" + taskId).status()).isEqualTo(404);
        assertThat(byBusinessKey(benApi.get("/tasks?status=mine").json(), dsarId)).isEmpty();
        assertThat(byBusinessKey(annaApi.get("/tasks?status=assigned").json(), dsarId)).isEmpty();
        assertThat(t.api().get("/audit/verify").json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void anApproverKeyActsAsItsRoleAndClaimsOnCompletion() throws Exception {
        Api.Tenant t = Api.newTenant("task-key");
        Api approver = AccountAdministrationIT.key(t, "APPROVER");
        String dsarId = submitDsar(t).get("id").asText();
        JsonNode task = awaitTask(approver, "?status=unassigned&process=dsar", dsarId).orElseThrow();
        String taskId = task.get("id").asText();

        // the filters: due before now leaves it out, due before next year keeps it; bad parameters are 400
        assertThat(byBusinessKey(approver.get("/tasks?dueBefore=" + Instant.now()).json(), dsarId)).isEmpty();
        assertThat(byBusinessKey(approver.get("/tasks?dueBefore=" + Instant.now().plus(400, ChronoUnit.DAYS)).json(), dsarId))
                .isPresent();
        // sorted by due date: a request received ten days earlier is due first, and heads a one-task page
        Api.Reply older = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"cust-2\","
                + "\"receivedAt\":\"" + Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        assertThat(older.status()).as(older.raw().body()).isEqualTo(201);
        String olderId = older.json().get("id").asText();
        awaitTask(approver, "", olderId).orElseThrow();
        List<String> order = new ArrayList<>();
        approver.get("/tasks").json().forEach(x -> order.add(x.get("businessKey").asText()));
        assertThat(order).containsExactly(olderId, dsarId);
        JsonNode page = approver.get("/tasks?limit=1").json();
        assertThat(page.size()).isEqualTo(1);
        assertThat(page.get(0).get("businessKey").asText()).isEqualTo(olderId);
        assertThat(approver.get("/tasks?limit=1&offset=1").json().get(0).get("businessKey").asText()).isEqualTo(dsarId);
        Api.Reply bad = approver.get("/tasks?status=everything&limit=1000&process=nope");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("status", "limit", "process");

        Api.Reply noComment = approver.post("/tasks/" + taskId + "/complete", "{\"decision\":\"REQUEST_CHANGES\"}");
        assertThat(noComment.status()).isEqualTo(422);
        assertThat(approver.get("/tasks/" + taskId).json().get("assignee").isNull()).as("a refused completion claims nothing")
                .isTrue();
        Api.Reply completed = approver.post("/tasks/" + taskId + "/complete",
                "{\"decision\":\"REQUEST_CHANGES\",\"comment\":\"the CRM export is missing\"}");
        assertThat(completed.status()).as(completed.raw().body()).isEqualTo(200);
        assertThat(completed.json().get("decidedBy").asText()).startsWith("api_key:");
        assertThat(taskEvents(t, taskId)).extracting(e -> e.get("eventType").asText())
                .containsExactly("task.claimed", "task.completed");
        assertThat(decisionsOf(taskId)).extracting(row -> row.get(3)).containsExactly("REQUEST_CHANGES");
        assertThat(approver.get("/tasks/" + taskId).status()).isEqualTo(404);
    }

    @Test
    void concurrentClaimsLeaveOneAssigneeAndAConflictNeverAnError() throws Exception {
        Api.Tenant t = Api.newTenant("task-race");
        Api first = AccountAdministrationIT.key(t, "APPROVER");
        Api second = AccountAdministrationIT.key(t, "APPROVER");
        for (int round = 0; round < 3; round++) {
            String dsarId = submitDsar(t).get("id").asText();
            String taskId = awaitTask(first, "", dsarId).orElseThrow().get("id").asText();
            java.util.concurrent.CompletableFuture<Api.Reply> a = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> first.post("/tasks/" + taskId + "/claim", ""));
            java.util.concurrent.CompletableFuture<Api.Reply> b = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> second.post("/tasks/" + taskId + "/claim", ""));
            List<Integer> statuses = new ArrayList<>(List.of(a.get().status(), b.get().status()));
            statuses.sort(null);
            assertThat(statuses).as("round %d: %s / %s", round, a.get().raw().body(), b.get().raw().body())
                    .containsExactly(200, 409);
            String winner = (a.get().status() == 200 ? a : b).get().json().get("assignee").asText();
            assertThat(first.get("/tasks/" + taskId).json().get("assignee").asText()).isEqualTo(winner);
            assertThat(taskEvents(t, taskId)).extracting(e -> e.get("eventType").asText()).containsExactly("task.claimed");

            // releasing an unclaimed task is a conflict
            Api holder = a.get().status() == 200 ? first : second;
            Api other = holder == first ? second : first;
            Api.Reply released = holder.post("/tasks/" + taskId + "/unclaim", "");
            assertThat(released.status()).as(released.raw().body()).isEqualTo(200);
            assertThat(released.json().get("assignee").isNull()).isTrue();
            assertThat(holder.post("/tasks/" + taskId + "/unclaim", "").status()).isEqualTo(409);
            assertThat(taskEvents(t, taskId)).extracting(e -> e.get("eventType").asText())
                    .containsExactly("task.claimed", "task.unclaimed");
            assertThat(byBusinessKey(other.get("/tasks?status=unassigned").json(), dsarId)).isPresent();
        }
    }

    @Test
    void anAdminTakesBackAReviewHeldBySomeoneWhoLeftButNeverClaimsOrCompletesIt() throws Exception {
        Api.Tenant t = Api.newTenant("task-admin");
        Accounts.Account anna = Accounts.invited(t, "APPROVER");
        Accounts.Account ben = Accounts.invited(t, "APPROVER");
        Accounts.Account admin = Accounts.invited(t, "ADMIN");
        Api annaApi = anna.session();
        Api adminApi = admin.session();
        String dsarId = submitDsar(t).get("id").asText();
        String taskId = awaitTask(annaApi, "", dsarId).orElseThrow().get("id").asText();
        assertThat(annaApi.post("/tasks/" + taskId + "/claim", "").status()).isEqualTo(200);

        // Anna leaves: disabled, her review would be stuck; the ADMIN finds what she holds and releases it
        assertThat(t.api().delete("/users/" + anna.userId()).status()).isBetween(200, 204);
        assertThat(byBusinessKey(adminApi.get("/tasks?assignee=" + anna.userId()).json(), dsarId)).isPresent();
        Api.Reply released = adminApi.post("/tasks/" + taskId + "/unclaim", "");
        assertThat(released.status()).as(released.raw().body()).isEqualTo(200);
        assertThat(released.json().get("assignee").isNull()).isTrue();
        JsonNode unclaimed = taskEvents(t, taskId).get(1);
        assertThat(unclaimed.get("eventType").asText()).isEqualTo("task.unclaimed");
        assertThat(unclaimed.get("payload").get("previousAssigneeGone").asBoolean()).isTrue();
        assertThat(unclaimed.get("payload").get("as").asText()).isEqualTo("task:reassign");

        // the ADMIN hands it to Ben (a candidate, below it), never to itself, and neither claims nor completes it
        assertThat(adminApi.post("/tasks/" + taskId + "/delegate", "{\"userId\":\"" + admin.userId() + "\"}").status())
                .isEqualTo(422);
        assertThat(adminApi.post("/tasks/" + taskId + "/claim", "").status()).isEqualTo(403);
        assertThat(adminApi.post("/tasks/" + taskId + "/complete", "{\"decision\":\"APPROVE\"}").status()).isEqualTo(403);
        Api.Reply handed = adminApi.post("/tasks/" + taskId + "/delegate", "{\"userId\":\"" + ben.userId() + "\"}");
        assertThat(handed.status()).as(handed.raw().body()).isEqualTo(200);
        assertThat(handed.json().get("assignee").asText()).isEqualTo(ben.userId());

        // a review held by a revoked API key: any candidate takes it back (before: only the key itself could)
        Api.Reply issued = t.api().post("/api-keys", "{\"name\":\"crm bot\",\"role\":\"APPROVER\"}");
        Api bot = Api.withKey(issued.json().get("key").asText());
        String second = submitDsar(t).get("id").asText();
        String botTask = awaitTask(bot, "", second).orElseThrow().get("id").asText();
        assertThat(bot.post("/tasks/" + botTask + "/claim", "").status()).isEqualTo(200);
        assertThat(t.api().delete("/api-keys/" + issued.json().get("id").asText()).status()).isBetween(200, 204);
        Api benApi = ben.session();
        Api.Reply recovered = benApi.post("/tasks/" + botTask + "/unclaim", "");
        assertThat(recovered.status()).as(recovered.raw().body()).isEqualTo(200);
        assertThat(benApi.post("/tasks/" + botTask + "/claim", "").status()).isEqualTo(200);
    }

    @Test
    void concurrentReleasesOfOneTaskLeaveOneWinnerAndOneConflict() throws Exception {
        Api.Tenant t = Api.newTenant("task-cas");
        Api holder = AccountAdministrationIT.key(t, "APPROVER");
        Api first = AccountAdministrationIT.key(t, "APPROVER");
        Api second = AccountAdministrationIT.key(t, "APPROVER");
        for (int round = 0; round < 3; round++) {
            String dsarId = submitDsar(t).get("id").asText();
            String taskId = awaitTask(holder, "", dsarId).orElseThrow().get("id").asText();
            assertThat(holder.post("/tasks/" + taskId + "/claim", "").status()).isEqualTo(200);
            // two peers release it at once: the assignee each checked is compared and set in one engine command
            java.util.concurrent.CompletableFuture<Api.Reply> a = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> first.post("/tasks/" + taskId + "/unclaim", ""));
            java.util.concurrent.CompletableFuture<Api.Reply> b = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> second.post("/tasks/" + taskId + "/unclaim", ""));
            List<Integer> statuses = new ArrayList<>(List.of(a.get().status(), b.get().status()));
            statuses.sort(null);
            assertThat(statuses).as("round %d: %s / %s", round, a.get().raw().body(), b.get().raw().body())
                    .containsExactly(200, 409);
            assertThat(taskEvents(t, taskId)).extracting(e -> e.get("eventType").asText())
                    .containsExactly("task.claimed", "task.unclaimed");
        }
    }

    private static JsonNode submitDsar(Api.Tenant t) {
        Api.Reply r = t.api().post("/dsars", "{\"identity\":\"VERIFIED\",\"type\":\"ACCESS\",\"jurisdiction\":\"EU_GDPR\",\"subject\":\"cust-"
                + t.slug() + "\"}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    /** The task whose business key is {@code businessKey} in the caller's list (the process may take a moment). */
    private static Optional<JsonNode> awaitTask(Api api, String query, String businessKey) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        do {
            Api.Reply r = api.get("/tasks" + query);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            Optional<JsonNode> found = byBusinessKey(r.json(), businessKey);
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(300);
        } while (Instant.now().isBefore(until));
        return Optional.empty();
    }

    private static Optional<JsonNode> byBusinessKey(JsonNode list, String businessKey) {
        for (JsonNode t : list) {
            if (businessKey.equals(t.get("businessKey").asText())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> taskEvents(Api.Tenant t, String taskId) {
        List<JsonNode> events = new ArrayList<>();
        t.api().get("/audit/events?limit=1000").json().forEach(e -> {
            if (e.get("entityType").asText().equals("task") && e.get("entityId").asText().equals(taskId)) {
                events.add(e);
            }
        });
        return events;
    }

    /** The task's decision rows as the database holds them (read as superuser). */
    private static List<List<String>> decisionsOf(String taskId) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement s = c.prepareStatement("select tenant_id::text, process_key, business_key, decision, reason,"
                     + " comment, decided_by from app.task_decision where task_id = ?")) {
            s.setString(1, taskId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= 7; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
