package org.custodia.crypto.application;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.crypto.domain.Aead;
import org.custodia.crypto.domain.KeyProvider;

/**
 * Envelope encryption of small secrets kept in the database (TOTP seeds, OIDC client secrets, refresh
 * tokens, mail bodies with links): a fresh AES-256 data key per value, wrapped by the
 * {@link KeyProvider}'s KEK. The context (tenant and purpose) is bound as associated data, so a sealed
 * value copied to another row or tenant does not open.
 * <p>Layout: {@code [kek id length][kek id][wrapped key length][wrapped key][nonce + ciphertext]}.
 */
@ApplicationScoped
public class SealedSecrets {

    @Inject
    KeyProvider keyProvider;

    public byte[] seal(UUID tenantId, String purpose, byte[] plaintext) {
        byte[] context = context(tenantId, purpose);
        try {
            SecretKey dataKey = Aead.newKey();
            KeyProvider.WrappedKey wrapped = keyProvider.wrap(dataKey.getEncoded(), context);
            byte[] kekId = wrapped.kekId().getBytes(StandardCharsets.UTF_8);
            byte[] sealed = Aead.encrypt(dataKey, plaintext, context);
            return ByteBuffer.allocate(2 + kekId.length + 2 + wrapped.wrapped().length + sealed.length)
                    .putShort((short) kekId.length).put(kekId)
                    .putShort((short) wrapped.wrapped().length).put(wrapped.wrapped())
                    .put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    public byte[] open(UUID tenantId, String purpose, byte[] sealed) {
        byte[] context = context(tenantId, purpose);
        try {
            ByteBuffer in = ByteBuffer.wrap(sealed);
            byte[] kekId = new byte[in.getShort()];
            in.get(kekId);
            byte[] wrapped = new byte[in.getShort()];
            in.get(wrapped);
            byte[] message = new byte[in.remaining()];
            in.get(message);
            SecretKey dataKey = Aead.key(keyProvider.unwrap(
                    new KeyProvider.WrappedKey(new String(kekId, StandardCharsets.UTF_8), wrapped), context));
            return Aead.decrypt(dataKey, message, context);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("a sealed secret did not open (wrong tenant, purpose or key)", e);
        }
    }

    public String sealedText(byte[] sealed, UUID tenantId, String purpose) {
        return sealed == null ? null : new String(open(tenantId, purpose, sealed), StandardCharsets.UTF_8);
    }

    public byte[] sealText(UUID tenantId, String purpose, String plaintext) {
        return plaintext == null ? null : seal(tenantId, purpose, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] context(UUID tenantId, String purpose) {
        return ("custodia:" + tenantId + ":" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
