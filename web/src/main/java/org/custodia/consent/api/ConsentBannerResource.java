package org.custodia.consent.api;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.consent.application.ConsentCheckCache;
import org.custodia.consent.application.ConsentLedger;
import org.custodia.consent.application.ConsentNotices;
import org.custodia.consent.application.ConsentService;
import org.custodia.consent.domain.ConsentCheck;
import org.custodia.consent.domain.ConsentPurpose;
import org.custodia.consent.domain.PurposeDetails;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.api.RequiresPermission;
import org.custodia.platform.api.StateChangingRead;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * What the consent banner (/assets/banner/banner.js) may do with its publishable key ({@code consent:banner}, a
 * key everyone can read in the site's page): answer and record the choices of one website visitor, known by the
 * random id the banner made ({@code visitor-<uuid>}), never a person the tenant can name. Nothing else: no mail,
 * no address, no expiry or client address, no other source than {@code web}, no history; a site's own user ids are
 * refused, so the key cannot read or change what a named person chose.
 */
@Path("/consents/banner")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConsentBannerResource {

    static final Pattern VISITOR = Pattern.compile("visitor-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final int MAX_PURPOSES = 20;

    /** A visitor's choice for one purpose. */
    public record Choice(String subject, String purpose, String action) {
    }

    /**
     * Only what the banner shows: the purpose's name and current notice in the visitor's language (else the notice's
     * first), whether GPC applies, and the visitor's state: whether, and why.
     */
    public record State(String purpose, String name, String text, String textLanguage, Integer noticeVersion,
                        boolean honoursGpc, boolean allowed, String reason) {
    }

    @Inject
    ConsentCheckCache checks;

    @Inject
    ConsentLedger ledger;

    @Inject
    ConsentService consents;

    @Inject
    ConsentNotices notices;

    @Inject
    CallerContext caller;

    /**
     * The visitor's state for each purpose; {@code Sec-GPC: 1} (or {@code gpc=1}, the banner passing on
     * {@code navigator.globalPrivacyControl}) opts out of purposes that honour GPC, recorded.
     */
    @RequiresPermission("consent:banner")
    @StateChangingRead // Sec-GPC: 1 records an opt-out
    @GET
    public List<State> states(@QueryParam("subject") String subject, @QueryParam("purpose") List<String> purposes,
                              @QueryParam("lang") String lang, @HeaderParam("Sec-GPC") String gpc,
                              @QueryParam("gpc") String gpcSeenByScript) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        visitor(subject, errors);
        if (purposes == null || purposes.isEmpty() || purposes.size() > MAX_PURPOSES) {
            errors.add(new FieldError("purpose", "1 to " + MAX_PURPOSES + " purposes"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        UUID tenantId = caller.caller().tenantId();
        boolean signal = ConsentResource.gpc(gpc) || ConsentResource.gpc(gpcSeenByScript); // a script cannot send Sec-GPC itself
        String language = lang == null ? "en" : lang.toLowerCase(Locale.ROOT);
        List<State> states = new ArrayList<>();
        for (String key : purposes) {
            ConsentPurpose purpose = consents.purpose(tenantId, key); // 404 problem for an unknown key
            ConsentCheck check = checks.check(caller.actor(), subject, key, signal);
            Map.Entry<String, String> text = notices.currentText(tenantId, purpose, language).orElse(null);
            PurposeDetails details = purpose.details();
            states.add(new State(key, details.names().getOrDefault(language, purpose.name()),
                    text == null ? purpose.description() : text.getValue(), text == null ? null : text.getKey(),
                    purpose.noticeVersion(), details.honoursGpc(), check.allowed(), check.reason().name()));
        }
        return states;
    }

    /** Records a grant or a withdrawal, from the web, against the purpose's current notice. */
    @RequiresPermission("consent:banner")
    @POST
    @APIResponse(responseCode = "204", description = "The choice is recorded")
    public Response record(Choice body) {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        visitor(body.subject(), errors);
        ConsentResource.RecordConsent recording = new ConsentResource.RecordConsent(body.subject(), body.purpose(), body.action(),
                "web", null, null, null, null, false);
        if (recording.decision() == null) {
            errors.add(new FieldError("action", "must be grant or withdraw"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ledger.record(caller.actor(), new ConsentLedger.Recording(body.subject(), body.purpose(), recording.decision(), "web",
                null, null, null, null, false));
        return Response.noContent().build();
    }

    private static void visitor(String subject, List<FieldError> errors) {
        if (subject == null || !VISITOR.matcher(subject).matches()) {
            errors.add(new FieldError("subject", "must be the banner's visitor id, visitor-<uuid>"));
        }
    }
}
