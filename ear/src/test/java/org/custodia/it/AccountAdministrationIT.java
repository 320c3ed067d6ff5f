package org.custodia.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who may act on whom: no lower role disables, changes or revokes a higher one; disabled users can come back. */
@ExtendWith(ArquillianExtension.class)
class AccountAdministrationIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItEnvironment.ear();
    }

    static Api key(Api.Tenant t, String role) {
        Api.Reply r = t.api().post("/api-keys", "{\"name\":\"" + role + " key\",\"role\":\"" + role + "\"}");
        assertThat(r.status()).isEqualTo(201);
        return Api.withKey(r.json().get("key").asText());
    }

    @Test
    void itCannotDisableAnAdminNorRevokeOrRotateAnAdminKeyButMayActOnItsEquals() throws Exception {
        Api.Tenant t = Api.newTenant("outranked");
        Accounts.Account admin = Accounts.invited(t, "ADMIN");
        Accounts.Account peer = Accounts.invited(t, "IT");
        Api it = key(t, "IT");
        String adminKeyId = t.api().get("/api-keys").json().get(0).get("id").asText();

        Api.Reply disable = it.delete("/users/" + admin.userId());
        assertThat(disable.status()).isEqualTo(403);
        assertThat(disable.contentType()).startsWith("application/problem+json");
        assertThat(disable.json().get("errors").get(0).get("field").asText()).isEqualTo("id");
        assertThat(t.api().get("/users/" + admin.userId()).json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(admin.signIn("").status()).isEqualTo(200);

        assertThat(it.delete("/api-keys/" + adminKeyId).status()).isEqualTo(403);
        assertThat(it.post("/api-keys/" + adminKeyId + "/rotate", "{}").status()).isEqualTo(403);
        assertThat(t.api().get("/api-keys").status()).isEqualTo(200); // the admin key still works
        assertThat(it.put("/users/" + admin.userId() + "/role", "{\"role\":\"IT\"}").status()).isEqualTo(403);
        assertThat(t.api().get("/users/" + admin.userId()).json().get("role").asText()).isEqualTo("ADMIN");

        // an equal is fair game
        Api.Reply otherIt = t.api().post("/api-keys", "{\"name\":\"other\",\"role\":\"IT\"}");
        assertThat(it.delete("/api-keys/" + otherIt.json().get("id").asText()).status()).isEqualTo(200);
        assertThat(it.delete("/users/" + peer.userId()).json().get("status").asText()).isEqualTo("DISABLED");
    }

    @Test
    void nobodyChangesTheirOwnRoleSoTheLastAdminCannotDemoteItself() throws Exception {
        Api.Tenant t = Api.newTenant("own-role");
        Accounts.Account admin = Accounts.invited(t, "ADMIN");
        Api.Reply own = admin.session().put("/users/" + admin.userId() + "/role", "{\"role\":\"AUDITOR\"}");
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.json().get("errors").get(0).get("field").asText()).isEqualTo("id");
        assertThat(t.api().get("/users/" + admin.userId()).json().get("role").asText()).isEqualTo("ADMIN");
        assertThat(t.api().put("/users/" + admin.userId() + "/role", "{\"role\":\"MANAGER\"}").status())
                .as("another administrator (here the tenant's key) may").isEqualTo(200);
    }

    @Test
    void aDisabledUserCanBeEnabledAgainByAnEqualOrHigherRole() throws Exception {
        Api.Tenant t = Api.newTenant("enable");
        Accounts.Account admin = Accounts.invited(t, "ADMIN");
        Accounts.Account auditor = Accounts.invited(t, "AUDITOR");
        assertThat(t.api().delete("/users/" + admin.userId()).status()).isEqualTo(200);
        assertThat(t.api().delete("/users/" + auditor.userId()).status()).isEqualTo(200);
        assertThat(auditor.signIn("").status()).isEqualTo(401);
        // re-inviting the address is still refused; enabling is the way back
        assertThat(t.api().post("/users/invitations", "{\"email\":\"" + auditor.email() + "\",\"role\":\"AUDITOR\"}").status())
                .isEqualTo(409);

        Api it = key(t, "IT");
        Api.Reply outranked = it.post("/users/" + admin.userId() + "/enable", "");
        assertThat(outranked.status()).isEqualTo(403);
        assertThat(key(t, "MANAGER").post("/users/" + auditor.userId() + "/enable", "").status()).isEqualTo(403);

        // IT lacks some of the auditor's permissions (compliance content): not IT's call either
        assertThat(it.post("/users/" + auditor.userId() + "/enable", "").status()).isEqualTo(403);
        Api.Reply enabled = t.api().post("/users/" + auditor.userId() + "/enable", "");
        assertThat(enabled.status()).as(enabled.raw().body()).isEqualTo(200);
        assertThat(enabled.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(auditor.signIn("").status()).isEqualTo(200);
        assertThat(t.api().post("/users/" + auditor.userId() + "/enable", "").status()).isEqualTo(409);
        Accounts.Account peer = Accounts.invited(t, "IT");
        assertThat(it.delete("/users/" + peer.userId()).status()).isEqualTo(200);
        assertThat(it.post("/users/" + peer.userId() + "/enable", "").json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(t.api().post("/users/" + admin.userId() + "/enable", "").status()).isEqualTo(200);
        assertThat(admin.signIn("").status()).isEqualTo(200);

        // an invitation never accepted comes back as an invitation
        Api.Reply invited = t.api().post("/users/invitations", "{\"email\":\"" + Accounts.uniqueEmail("later") + "\",\"role\":\"IT\"}");
        String invitedId = invited.json().get("id").asText();
        assertThat(t.api().delete("/users/" + invitedId).status()).isEqualTo(200);
        assertThat(t.api().post("/users/" + invitedId + "/enable", "").json().get("status").asText()).isEqualTo("INVITED");
        assertThat(ConsentApiIT.eventTypes(t.api())).contains("user.enabled");
    }

    @Test
    void aRoleEditorCannotRewriteOrDeleteARoleStrongerThanItsOwn() {
        Api.Tenant t = Api.newTenant("role-outranked");
        assertThat(t.api().post("/roles", "{\"name\":\"superops\",\"description\":\"strong\","
                + "\"permissions\":[\"consent:view\",\"consent:export\",\"audit:export\"]}").status()).isEqualTo(201);
        assertThat(t.api().post("/roles", "{\"name\":\"spare\",\"description\":\"unheld and strong\","
                + "\"permissions\":[\"audit:export\"]}").status()).isEqualTo(201);
        assertThat(t.api().post("/roles", "{\"name\":\"rolemgr\",\"description\":\"edits roles\","
                + "\"permissions\":[\"role:update\",\"role:delete\",\"role:view\",\"consent:view\"]}").status()).isEqualTo(201);
        Api strong = key(t, "superops");
        Api manager = key(t, "rolemgr");

        // stripping superops down to what the editor holds would weaken its holders: refused, nothing changes
        Api.Reply strip = manager.put("/roles/superops", "{\"description\":\"x\",\"permissions\":[\"consent:view\"]}");
        assertThat(strip.status()).as(strip.raw().body()).isEqualTo(403);
        assertThat(strip.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(strong.get("/consents/export").status()).isEqualTo(200);
        assertThat(t.api().get("/roles").json().get("customRoles").findValuesAsText("description")).contains("strong");
        assertThat(manager.delete("/roles/spare").status()).isEqualTo(403);

        // a role within the editor's own permissions may be rewritten and deleted
        assertThat(t.api().post("/roles", "{\"name\":\"viewer\",\"description\":\"reads\","
                + "\"permissions\":[\"consent:view\"]}").status()).isEqualTo(201);
        assertThat(manager.put("/roles/viewer", "{\"description\":\"still reads\",\"permissions\":[\"consent:view\"]}")
                .status()).isEqualTo(200);
        assertThat(manager.delete("/roles/viewer").status()).isEqualTo(204);
    }
}
