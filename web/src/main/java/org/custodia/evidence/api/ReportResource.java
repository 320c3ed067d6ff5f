package org.custodia.evidence.api;

import org.custodia.platform.api.CostlyEndpoint;
import org.custodia.platform.api.StateChangingRead;
import org.custodia.platform.api.RequiresPermission;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.io.InputStream;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.Inputs;
import org.custodia.platform.problem.ProblemException;
import org.custodia.evidence.application.ConsentSummaryReport;
import org.custodia.evidence.application.DpiaReport;
import org.custodia.evidence.application.ProcessingRegisterReport;
import org.custodia.evidence.application.RiskRegisterReport;
import org.custodia.evidence.application.ReportVerifier;

import com.fasterxml.jackson.databind.JsonNode;

@Path("/reports")
public class ReportResource {

    public record SignatureView(boolean valid, boolean coversWholeDocument, boolean padesBaseline, String subFilter,
                                String signer, String signingTime, String timestampTime, String problem) {
    }

    /**
     * {@code verified} is the answer; {@code signerIsTenant} says whether the signatures were made with this
     * tenant's keys; {@code problem} says why not when not verified. The other fields are the details.
     */
    public record VerificationView(boolean verified, String problem, boolean signerIsTenant, boolean signaturesValid,
                                   List<SignatureView> signatures, JsonNode checkpoint,
                                   Boolean checkpointSignatureValid, Boolean checkpointMatchesChain,
                                   String checkpointProblem) {
    }

    @Inject
    ReportVerifier verifier;

    @Inject
    CallerContext caller;

    @Inject
    ConsentSummaryReport consentSummary;

    @Inject
    ProcessingRegisterReport processingRegister;

    @Inject
    RiskRegisterReport riskRegister;

    @Inject
    DpiaReport dpiaReport;

    /** One DPIA as a signed, tagged PDF/A: screening, answers, risks found, prior consultation, the DPO's opinion. */
    @RequiresPermission("dpia:export")
    @CostlyEndpoint
    @StateChangingRead // appends the report's audit event and a checkpoint
    @GET
    @Path("/dpias/{id}")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The signed PDF/A DPIA report, as a download",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"dpia.pdf\"",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response dpia(@jakarta.ws.rs.PathParam("id") String id) throws SQLException, IOException, GeneralSecurityException {
        return Response.ok(dpiaReport.generate(caller.actor(), Inputs.id(id, "DPIA")), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"dpia.pdf\"").build();
    }

    /** The risk register as a signed, tagged PDF/A: heat maps before and after treatment, the risks, the treatment plans. */
    @RequiresPermission("risk:export")
    @CostlyEndpoint
    @StateChangingRead // appends the report's audit event and a checkpoint
    @GET
    @Path("/risk-register")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The signed PDF/A risk register, as a download",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"risk-register.pdf\"",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response riskRegister() throws SQLException, IOException, GeneralSecurityException {
        return Response.ok(riskRegister.generate(caller.actor()), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"risk-register.pdf\"").build();
    }

    /** The record of processing activities (GDPR Art. 30) as a signed, tagged PDF/A. */
    @RequiresPermission("ropa:export")
    @CostlyEndpoint
    @StateChangingRead // appends the report's audit event and a checkpoint
    @GET
    @Path("/processing-register")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The signed PDF/A register, as a download",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"processing-register.pdf\"",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response processingRegister() throws SQLException, IOException, GeneralSecurityException {
        return Response.ok(processingRegister.generate(caller.actor()), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"processing-register.pdf\"").build();
    }

    /** A signed PDF/A consent summary for [from, to) (default: the last 30 days). */
    @RequiresPermission("report:export")
    @CostlyEndpoint
    @StateChangingRead // appends the report's audit event and a checkpoint
    @GET
    @Path("/consent-summary")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The signed PDF/A report, as a download",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"consent-summary.pdf\"",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response consentSummary(@QueryParam("from") String from, @QueryParam("to") String to)
            throws SQLException, IOException, GeneralSecurityException {
        List<org.custodia.platform.problem.FieldError> errors = new java.util.ArrayList<>();
        Instant end = Inputs.instant("to", to, errors);
        Instant start = Inputs.instant("from", from, errors);
        Inputs.refuseQuery(errors);
        end = end == null ? Instant.now() : end;
        start = start == null ? end.minus(30, ChronoUnit.DAYS) : start;
        return Response.ok(consentSummary.generate(caller.actor(), start, end), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"consent-summary.pdf\"").build();
    }

    /** Takes a report PDF (up to 20 MiB) and says whether its signature and its checkpoint hold. */
    @RequiresPermission("report:verify")
    @CostlyEndpoint
    @POST
    @Path("/verify")
    @Consumes("application/pdf")
    @Produces(MediaType.APPLICATION_JSON)
    public VerificationView verify(InputStream body) throws IOException {
        byte[] pdf = body.readAllBytes();
        if (pdf.length == 0) {
            throw ProblemException.invalid("body", "a PDF is required");
        }
        ReportVerifier.Result r = verifier.verify(caller.caller().tenantId(), pdf);
        return new VerificationView(r.verified(), r.problem(), r.signerIsTenant(), r.signaturesValid(), r.signatures().stream().map(s -> new SignatureView(s.valid(),
                s.coversWholeDocument(), s.padesBaselineAttributes(), s.subFilter(), s.signer(),
                s.signingTime() == null ? null : s.signingTime().toString(),
                s.timestampTime() == null ? null : s.timestampTime().toString(), s.problem())).toList(),
                r.checkpoint(), r.checkpointSignatureValid(), r.checkpointMatchesChain(), r.checkpointProblem());
    }
}
