package org.custodia.crypto.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.crypto.SecretKey;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.crypto.domain.Aead;
import org.custodia.crypto.domain.KeyProvider;
import org.jboss.logging.Logger;
import org.custodia.platform.config.Setting;
import org.custodia.platform.config.ServerEnvironment;

/**
 * The default KEK store: an AES-256 key in a PKCS#12 keystore ({@code CUSTODIA_KEYSTORE}, default
 * {@code <server data dir>/custodia-kek.p12}, password {@code CUSTODIA_KEYSTORE_PASSWORD}), created on
 * first start. Back it up: without it no tenant's data keys can be unwrapped.
 */
@ApplicationScoped
public class LocalKeystoreKeyProvider implements KeyProvider {

    static final String KEK_ALIAS = "kek-1";
    private static final Logger LOG = Logger.getLogger(LocalKeystoreKeyProvider.class);

    private SecretKey kek;

    @PostConstruct
    void load() {
        Path file = Path.of(Setting.KEYSTORE.value().orElseGet(() ->
                ServerEnvironment.dataDirectory().resolve("custodia-kek.p12").toString()));
        String passwordSetting = Setting.KEYSTORE_PASSWORD.text();
        if (passwordSetting == null) {
            LOG.warn("CUSTODIA_KEYSTORE_PASSWORD is not set: the local key store uses a development password");
            passwordSetting = org.custodia.platform.startup.DevelopmentDefaults.KEYSTORE_PASSWORD; // refused outside development
        }
        char[] password = passwordSetting.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
            } else {
                store.load(null, password);
                store.setEntry(KEK_ALIAS, new KeyStore.SecretKeyEntry(Aead.newKey()), new KeyStore.PasswordProtection(password));
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "kek", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    store.store(out, password);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                LOG.infof("created key-encryption key store %s", file);
            }
            kek = (SecretKey) store.getKey(KEK_ALIAS, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the key-encryption key store " + file, e);
        }
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] context) throws GeneralSecurityException {
        return new WrappedKey(KEK_ALIAS, Aead.encrypt(kek, dataKey, context));
    }

    @Override
    public byte[] unwrap(WrappedKey key, byte[] context) throws GeneralSecurityException {
        if (!KEK_ALIAS.equals(key.kekId())) {
            throw new GeneralSecurityException("unknown key-encryption key " + key.kekId());
        }
        return Aead.decrypt(kek, key.wrapped(), context);
    }
}
