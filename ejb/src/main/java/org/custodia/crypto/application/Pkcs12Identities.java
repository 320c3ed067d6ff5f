package org.custodia.crypto.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.custodia.platform.problem.ProblemException;
import org.custodia.reports.signing.SigningIdentity;

/** Reads and checks a signing identity from a PKCS#12 file; every refusal names the field at fault. */
final class Pkcs12Identities {

    private Pkcs12Identities() {
    }

    static SigningIdentity read(byte[] pkcs12, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), password);
        } catch (IOException e) {
            boolean wrongPassword = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase().contains("password");
            throw wrongPassword ? ProblemException.invalid("password", "does not open this PKCS#12 file")
                    : ProblemException.invalid("pkcs12", "is not a PKCS#12 file");
        } catch (GeneralSecurityException e) {
            throw ProblemException.invalid("pkcs12", "is not a readable PKCS#12 file");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                PrivateKey key = (PrivateKey) store.getKey(alias, password);
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
                X509Certificate certificate = chain.get(0);
                try {
                    certificate.checkValidity();
                } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                    throw ProblemException.invalid("pkcs12", "the certificate is not valid now: " + e.getMessage());
                }
                boolean[] usage = certificate.getKeyUsage();
                if (usage != null && !usage[0] && !usage[1]) {
                    throw ProblemException.invalid("pkcs12", "the certificate does not allow digital signatures");
                }
                if (!keyMatches(key, certificate)) {
                    throw ProblemException.invalid("pkcs12", "the private key does not belong to the certificate");
                }
                return new SigningIdentity(key, chain);
            }
        } catch (GeneralSecurityException e) {
            throw ProblemException.invalid("pkcs12", "its key cannot be read: " + e.getMessage());
        }
        throw ProblemException.invalid("pkcs12", "holds no private key");
    }

    private static boolean keyMatches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] probe = "custodia key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }
}
