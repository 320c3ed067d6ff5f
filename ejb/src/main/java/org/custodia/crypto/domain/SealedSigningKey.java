package org.custodia.crypto.domain;

import java.util.UUID;

/**
 * A tenant's signing key as stored: the private key encrypted under a data key, the data key wrapped by
 * the KEK {@code kekId}, and the certificate (DER).
 */
public record SealedSigningKey(UUID id, String kekId, byte[] wrappedDataKey, byte[] encryptedPrivateKey,
                               String keyAlgorithm, byte[] certificate) {
}
