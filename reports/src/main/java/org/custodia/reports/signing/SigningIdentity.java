package org.custodia.reports.signing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key and its certificate chain (signer first), as a tenant signs its reports. */
public record SigningIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
    public SigningIdentity {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signing identity needs its certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
