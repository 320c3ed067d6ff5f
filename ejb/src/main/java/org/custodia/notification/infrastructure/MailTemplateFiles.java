package org.custodia.notification.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

import org.custodia.notification.domain.MailLanguages;
import org.custodia.notification.domain.MailPart;
import org.custodia.notification.domain.MailTenant;
import org.custodia.notification.domain.MailType;
import org.jboss.logging.Logger;

/**
 * Where a template's text comes from: the shipped default on the classpath ({@code mail/<type>/<language>/<file>})
 * or a tenant's override ({@code <override root>/<tenant id or slug>/<type>/<language>/<file>}, the id's directory
 * first). Each path segment is an id or a code checked here (a UUID, a slug, a type's constant directory, an
 * ISO 639 code, a constant file name), never text from a request; a file whose real path leaves the override
 * root (a symbolic link out of it) is not read. Overrides are read at each use, so an operator's edit applies
 * to the next mail; the shipped ones once.
 */
public class MailTemplateFiles {

    private static final Logger LOG = Logger.getLogger(MailTemplateFiles.class);
    static final long MAX_BYTES = 64 * 1024;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    /** A template's text and where it came from ({@code origin} names the file, for logs). */
    public record Source(String text, boolean override, String origin) {
    }

    private final Path root;
    private final ConcurrentMap<String, Optional<String>> shipped = new ConcurrentHashMap<>();

    /** {@code overrideRoot}: the tenants' override directory, or null for the shipped templates only. */
    public MailTemplateFiles(Path overrideRoot) {
        this.root = overrideRoot == null ? null : overrideRoot.toAbsolutePath().normalize();
    }

    /** The tenant's own version of one part, if it has one. */
    public Optional<Source> override(MailTenant tenant, MailType type, String language, MailPart part) {
        requireLanguage(language);
        if (root == null || !Files.isDirectory(root)) {
            return Optional.empty();
        }
        for (String tenantDirectory : tenantDirectories(tenant)) {
            Path file = root.resolve(tenantDirectory).resolve(type.directory()).resolve(language).resolve(part.fileName()).normalize();
            Optional<String> text = readInsideRoot(file);
            if (text.isPresent()) {
                return Optional.of(new Source(text.get(), true, "override " + root.relativize(file)));
            }
        }
        return Optional.empty();
    }

    /** The shipped default of one part, if the language is shipped. */
    public Optional<Source> shipped(MailType type, String language, MailPart part) {
        requireLanguage(language);
        String resource = "mail/" + type.directory() + "/" + language + "/" + part.fileName();
        return shipped.computeIfAbsent(resource, MailTemplateFiles::readResource).map(text -> new Source(text, false, resource));
    }

    /** The tenant's override directories, id first: both are checked forms, so neither can climb out of the root. */
    static List<String> tenantDirectories(MailTenant tenant) {
        List<String> directories = new ArrayList<>(2);
        directories.add(tenant.tenantId().toString());
        if (tenant.slug() != null) {
            if (!SLUG.matcher(tenant.slug()).matches()) {
                throw new IllegalArgumentException("a tenant slug is lower-case letters, digits and '-'");
            }
            directories.add(tenant.slug());
        }
        return directories;
    }

    private static void requireLanguage(String language) {
        if (language == null || !LANGUAGE.matcher(language).matches() || !language.equals(MailLanguages.code(language))) {
            throw new IllegalArgumentException("a template language is an ISO 639 code");
        }
    }

    private Optional<String> readInsideRoot(Path file) {
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                LOG.warnf("mail template %s leads out of the override directory; the shipped one is used", root.relativize(file));
                return Optional.empty();
            }
            if (Files.size(real) > MAX_BYTES) {
                LOG.warnf("mail template %s is over %d bytes; the shipped one is used", root.relativize(file), MAX_BYTES);
                return Optional.empty();
            }
            return Optional.of(Files.readString(real, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warnf("mail template %s cannot be read (%s); the shipped one is used", root.relativize(file), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static Optional<String> readResource(String resource) {
        try (InputStream in = MailTemplateFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
