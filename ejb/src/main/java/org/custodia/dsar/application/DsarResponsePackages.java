package org.custodia.dsar.application;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.audit.application.AuditTrail;
import org.custodia.connector.application.ConnectorService;
import org.custodia.connector.domain.Connector;
import org.custodia.crypto.application.SealedSecrets;
import org.custodia.dsar.domain.DiscoveryStep;
import org.custodia.dsar.domain.DsarRequest;
import org.custodia.dsar.domain.ResponseArchive;
import org.custodia.dsar.domain.ResponsePackage;
import org.custodia.dsar.domain.ResponsePackageContent;
import org.custodia.dsar.infrastructure.DiscoveryRepository;
import org.custodia.dsar.infrastructure.DsarRepository;
import org.custodia.dsar.infrastructure.ResponsePackageRepository;
import org.custodia.dsar.infrastructure.ResponsePackageRepository.File;
import org.custodia.evidence.application.EvidencePdf;
import org.custodia.platform.context.Actor;
import org.custodia.platform.persistence.StoredTime;
import org.custodia.platform.persistence.TenantId;
import org.custodia.platform.persistence.TenantScoped;
import org.custodia.platform.problem.ProblemException;
import org.custodia.tenancy.application.Tenants;

/**
 * A request's response package: compiled from what discovery found ({@link ResponsePackageContent}), the summary
 * rendered to PDF/A and PAdES-signed with the tenant's key ({@link EvidencePdf}), both files sealed bound to the
 * request; opened for the reviewer before the decision and for the subject's single-use download after it. Every
 * opening is audited (which file, by whom), never with the content.
 */
@Stateless
@TenantScoped
public class DsarResponsePackages {

    /** The PDF summary's bound after signing (its tables are bounded; this catches the unforeseen). */
    public static final int MAX_PDF_BYTES = 32 * 1024 * 1024;

    @Inject
    DsarRepository requests;

    @Inject
    DiscoveryRepository discovery;

    @Inject
    DsarDiscovery found;

    @Inject
    ConnectorService connectors;

    @Inject
    Tenants tenants;

    @Inject
    EvidencePdf pdfs;

    @Inject
    SealedSecrets sealed;

    @Inject
    ResponsePackageRepository packages;

    @Inject
    AuditTrail audit;

    /** Compiles (or compiles again, replacing) the package of a request; returns the audit facts of the step. */
    public Map<String, String> compile(@TenantId UUID tenantId, DsarRequest request) {
        Map<UUID, String> names = connectors.list(tenantId).stream().collect(Collectors.toMap(Connector::id, Connector::name));
        List<ResponsePackageContent.Source> sources = new ArrayList<>();
        for (DiscoveryStep step : discovery.steps(request.id())) {
            String name = names.getOrDefault(step.connectorId(), "removed connector " + step.connectorId());
            sources.add(new ResponsePackageContent.Source(step.connectorId(), name, step.status(), step.skipReason(),
                    step.status() == DiscoveryStep.Status.DONE ? found.found(tenantId, request.id(), step.connectorId()) : Map.of()));
        }
        ResponsePackageContent content = new ResponsePackageContent(tenants.of(tenantId).name(),
                new ResponsePackageContent.RequestFacts(request.id(), request.type(), request.jurisdiction(), request.receivedAt(),
                        request.dueAt()), sources, StoredTime.now());
        byte[] json = content.json();
        byte[] pdf;
        try {
            pdf = pdfs.renderSigned(tenantId, content.summary(), "Answer to data subject request " + request.id());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the response summary could not be rendered and signed", e);
        }
        if (pdf.length > MAX_PDF_BYTES) {
            throw new ResponsePackageContent.TooLarge("summary.pdf", pdf.length, MAX_PDF_BYTES);
        }
        ResponsePackage p = new ResponsePackage(request.id(), ResponseArchive.sha256(json), json.length, ResponseArchive.sha256(pdf),
                pdf.length, content.connectorCount(), content.rowCount(), content.carriesData(), 1, StoredTime.now(), null);
        packages.put(tenantId, p, sealed.seal(tenantId, purpose(request.id(), File.JSON), json),
                sealed.seal(tenantId, purpose(request.id(), File.PDF), pdf));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("jsonSha256", p.jsonSha256());
        facts.put("pdfSha256", p.pdfSha256());
        facts.put("rows", String.valueOf(p.rowCount()));
        return facts;
    }

    /** The package's metadata, for the reviewer; 404 when the request is unknown or has no package yet. */
    public ResponsePackage metadata(@TenantId UUID tenantId, UUID dsarId) {
        requests.find(dsarId).orElseThrow(() -> ProblemException.notFound("DSAR " + dsarId));
        return packages.find(dsarId).orElseThrow(() -> ProblemException.notFound("response package of DSAR " + dsarId));
    }

    /**
     * One file opened for a reviewer (before deciding, or to deliver by hand); audited as {@code dsar.package.viewed}.
     * The caller holds a read permit ({@link PackageReadPermits}).
     */
    public byte[] file(Actor actor, UUID dsarId, File file) {
        metadata(actor.tenantId(), dsarId);
        byte[] content = open(actor.tenantId(), dsarId, file);
        audit.append(actor, "dsar.package.viewed", "dsar", dsarId.toString(), Map.of("file", file.name()));
        return content;
    }

    /** The subject's archive fetched by staff (for a request without an address, delivered by hand); audited. */
    public byte[] archiveForStaff(Actor actor, UUID dsarId) {
        metadata(actor.tenantId(), dsarId);
        byte[] zip = archive(actor.tenantId(), dsarId);
        audit.append(actor, "dsar.package.downloaded", "dsar", dsarId.toString(), Map.of("by", "staff"));
        return zip;
    }

    /**
     * The archive the subject downloads: response.json, summary.pdf and their manifest. The caller holds a read
     * permit ({@link PackageReadPermits}) and audits.
     */
    public byte[] archive(@TenantId UUID tenantId, UUID dsarId) {
        return ResponseArchive.zip(dsarId.toString(), open(tenantId, dsarId, File.JSON), open(tenantId, dsarId, File.PDF));
    }

    private byte[] open(UUID tenantId, UUID dsarId, File file) {
        byte[] s = packages.sealed(dsarId, file).orElseThrow(() -> packages.find(dsarId)
                .filter(p -> p.purgedAt() != null).map(DsarResponsePackages::purged)
                .orElseGet(() -> ProblemException.notFound("response package of DSAR " + dsarId)));
        return sealed.open(tenantId, purpose(dsarId, file), s);
    }

    /** 410: the contents are gone under the tenant's retention (DsarPackageRetention); the metadata stays. */
    static ProblemException purged(ResponsePackage p) {
        return new ProblemException(410, "package-purged", "Answer purged", "The contents of the answer to DSAR " + p.dsarId()
                + " were deleted on " + p.purgedAt() + " under the tenant's package retention; its hashes and sizes remain.",
                List.of());
    }

    private static String purpose(UUID dsarId, File file) {
        return "dsar-package:" + dsarId + ":" + file.name().toLowerCase(java.util.Locale.ROOT);
    }
}
