package org.custodia.crypto.api;

import org.custodia.platform.api.RequiresPermission;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.crypto.application.TenantSigningKeys;
import org.custodia.platform.api.CallerContext;
import org.custodia.platform.api.RequestBodies;
import org.custodia.platform.problem.FieldError;
import org.custodia.platform.problem.ProblemException;

/** The tenant's evidence-signing key: its certificate (to verify reports offline) and PKCS#12 import. */
@Path("/signing-key")
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyResource {

    /** {@code pkcs12}: the file, base64; {@code password}: the file's password. */
    public record ImportKey(String pkcs12, String password) {
    }

    public record CertificateView(String keyId, String subject, String issuer, String notBefore, String notAfter,
                                  String sha256, String pem) {
        static CertificateView of(UUID keyId, X509Certificate c) throws GeneralSecurityException {
            byte[] der = c.getEncoded();
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
            return new CertificateView(keyId.toString(), c.getSubjectX500Principal().getName(),
                    c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant().toString(),
                    c.getNotAfter().toInstant().toString(),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)), pem);
        }
    }

    @Inject
    TenantSigningKeys keys;

    @Inject
    CallerContext caller;

    @RequiresPermission("signing_key:view")
    @GET
    public CertificateView current() throws GeneralSecurityException {
        Map.Entry<UUID, X509Certificate> active = keys.activeCertificate(caller.caller().tenantId());
        return CertificateView.of(active.getKey(), active.getValue());
    }

    @RequiresPermission("signing_key:update")
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public CertificateView importPkcs12(ImportKey body) throws GeneralSecurityException {
        RequestBodies.required(body);
        List<FieldError> errors = new ArrayList<>();
        byte[] file = null;
        if (body.pkcs12() == null || body.pkcs12().isBlank()) {
            errors.add(new FieldError("pkcs12", "is required (base64 of the .p12 file)"));
        } else {
            try {
                file = Base64.getMimeDecoder().decode(body.pkcs12());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("pkcs12", "is not base64"));
            }
        }
        if (body.password() == null) {
            errors.add(new FieldError("password", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        keys.importPkcs12(caller.actor(), file, body.password().toCharArray());
        return current();
    }
}
