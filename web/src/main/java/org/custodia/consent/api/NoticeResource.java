package org.custodia.consent.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.consent.application.ConsentNotices;
import org.custodia.consent.domain.NoticeVersion;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.problem.ProblemException;

/** Versioned, hashed notices of a purpose. */
@Path("/purposes/{key}/notices")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    /** {@code texts}: language code → the notice text shown in that language. */
    public record PublishNotice(Map<String, String> texts) {
    }

    public record NoticeView(String purpose, int version, String contentHash, String publishedAt, Map<String, String> texts) {
        static NoticeView of(NoticeVersion n) {
            return new NoticeView(n.purposeKey(), n.version(), n.contentHash(), n.publishedAt().toString(), n.texts());
        }
    }

    @Inject
    ConsentNotices notices;

    @Inject
    CallerContext caller;

    @POST
    @RequiresPermission("notice:create")
    public Response publish(@PathParam("key") String key, PublishNotice body) {
        RequestBodies.required(body);
        return Response.status(201).entity(NoticeView.of(notices.publish(caller.actor(), key, body.texts()))).build();
    }

    @GET
    @RequiresPermission("notice:view")
    public List<NoticeView> versions(@PathParam("key") String key) {
        return notices.versions(caller.caller().tenantId(), key).stream().map(NoticeView::of).toList();
    }

    /** One version, in one language ({@code lang}; English or the first available when absent). */
    @GET
    @Path("/{version}")
    @RequiresPermission("notice:view")
    public Map<String, Object> version(@PathParam("key") String key, @PathParam("version") int version, @QueryParam("lang") String lang) {
        NoticeVersion n = notices.versions(caller.caller().tenantId(), key).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> ProblemException.notFound("notice version " + version + " of purpose '" + key + "'"));
        Map.Entry<String, String> text = n.textFor(lang);
        return Map.of("purpose", key, "version", version, "contentHash", n.contentHash(), "language", text.getKey(),
                "text", text.getValue(), "languages", n.texts().keySet(), "hashVerifies", n.verifies());
    }
}
