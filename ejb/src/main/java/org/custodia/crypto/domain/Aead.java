package org.custodia.crypto.domain;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK, the one cipher of envelope encryption: a random 96-bit nonce per message,
 * stored in front of the ciphertext; the associated data binds a ciphertext to where it belongs.
 */
public final class Aead {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private Aead() {
    }

    public static SecretKey newKey() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, RANDOM);
        return generator.generateKey();
    }

    public static SecretKey key(byte[] raw) {
        return new SecretKeySpec(raw, "AES");
    }

    public static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    public static byte[] decrypt(SecretKey key, byte[] message, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, message, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(message, NONCE_BYTES, message.length - NONCE_BYTES);
    }
}
