package org.custodia.crypto.domain;

import java.security.GeneralSecurityException;

/**
 * Holds the key-encryption keys (KEKs) that wrap per-tenant data keys. The default is a local PKCS#12
 * keystore; Vault or a cloud KMS plug in here. A wrapped key names the KEK that wrapped it, so KEKs
 * can rotate while old data keys stay readable.
 */
public interface KeyProvider {

    record WrappedKey(String kekId, byte[] wrapped) {
    }

    WrappedKey wrap(byte[] dataKey, byte[] context) throws GeneralSecurityException;

    byte[] unwrap(WrappedKey key, byte[] context) throws GeneralSecurityException;
}
