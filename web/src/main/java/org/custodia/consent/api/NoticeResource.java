package org.custodia.consent.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

    /**
     * One version in one language: {@code languages}, all it is published in; {@code hashVerifies}, whether its texts
     * still hash to {@code contentHash}.
     */
    public record NoticeText(String purpose, int version, String contentHash, String language, String text,
                             Set<String> languages, boolean hashVerifies) {
    }

    @Inject
    ConsentNotices notices;

    @Inject
    CallerContext caller;

    @POST
    @RequiresPermission("notice:create")
    @APIResponse(responseCode = "201", description = "The new version, now the purpose's current notice",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeView.class)))
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
    public NoticeText version(@PathParam("key") String key, @PathParam("version") int version, @QueryParam("lang") String lang) {
        NoticeVersion n = notices.versions(caller.caller().tenantId(), key).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> ProblemException.notFound("notice version " + version + " of purpose '" + key + "'"));
        Map.Entry<String, String> text = n.textFor(lang);
        return new NoticeText(key, version, n.contentHash(), text.getKey(), text.getValue(), n.texts().keySet(), n.verifies());
    }
}
