package org.custodia.notification.infrastructure;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.cache.template.CaffeineTemplateCache;
import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.Loader;

import org.custodia.notification.domain.MailPart;

/**
 * Pebble, set up for mail: strict variables (a variable the model lacks is an error, never a blank), HTML
 * parts autoescaped and text parts not, output bounded, and no loader: a template is given as text, and
 * line breaks kept as written, {@code include}, {@code extends} or {@code import} inside one reach nothing (no file, no classpath resource).
 * Compiled templates are cached by their text (bounded), so an edited override compiles anew.
 */
public class PebbleMailRenderer {

    static final int MAX_RENDERED_CHARS = 256 * 1024;

    private final PebbleEngine html = engine(true, false);
    private final PebbleEngine text = engine(false, false);
    private final PebbleEngine overrideHtml = engine(true, true);
    private final PebbleEngine overrideText = engine(false, true);

    /** Renders one part of a shipped template with the model's variables; a template error is a {@code PebbleException}. */
    public String render(String template, MailPart part, Map<String, Object> variables, String language) {
        return render(template, part, variables, language, false);
    }

    /**
     * Renders one part's template text with the model's variables; a template error is a {@code PebbleException}.
     * {@code override}: a tenant's template, written by someone this server does not trust with its memory, rendered
     * by an engine limited to {@link OverrideTemplateLimits}.
     */
    public String render(String template, MailPart part, Map<String, Object> variables, String language, boolean override) {
        PebbleEngine engine = override ? (part.html() ? overrideHtml : overrideText) : (part.html() ? html : text);
        if (override) {
            OverrideTemplateLimits.checkNesting(template);
        }
        StringWriter out = new StringWriter();
        try {
            engine.getLiteralTemplate(template).evaluate(out, variables, Locale.forLanguageTag(language));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StackOverflowError e) {
            // an Error passes every catch of RuntimeException above us: an override's is its own failure, like any other
            if (override) {
                throw new PebbleException(null, "the template recursed too deeply");
            }
            throw e;
        }
        return out.toString();
    }

    private static PebbleEngine engine(boolean escapeHtml, boolean override) {
        PebbleEngine.Builder builder = new PebbleEngine.Builder();
        if (override) {
            // no method of any value either: "{{ reference.repeat(2147483647) }}" is one expression
            builder.registerExtensionCustomizer(OverrideTemplateLimits::new).methodAccessValidator((object, method) -> false);
        }
        return builder
                .loader(new NothingToInclude())
                .strictVariables(true)
                .newLineTrimming(false) // Pebble drops the line break after every "}}" otherwise: text mail is lines
                .autoEscaping(escapeHtml)
                .maxRenderedSize(MAX_RENDERED_CHARS)
                .templateCache(new CaffeineTemplateCache(Caffeine.newBuilder().maximumSize(500).build()))
                .build();
    }

    /** The engine's loader, used only for templates named inside a template: there are none to load. */
    static final class NothingToInclude implements Loader<String> {

        @Override
        public Reader getReader(String name) {
            throw new LoaderException(null, "mail templates include no other template");
        }

        @Override
        public void setCharset(String charset) {
        }

        @Override
        public void setPrefix(String prefix) {
        }

        @Override
        public void setSuffix(String suffix) {
        }

        @Override
        public String resolveRelativePath(String relativePath, String anchorPath) {
            return relativePath;
        }

        @Override
        public String createCacheKey(String templateName) {
            return "include:" + templateName;
        }

        @Override
        public boolean resourceExists(String templateName) {
            return false;
        }
    }
}
