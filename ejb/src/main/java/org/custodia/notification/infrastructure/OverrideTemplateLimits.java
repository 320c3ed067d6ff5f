package org.custodia.notification.infrastructure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * What a tenant's override template may use: printing the model's variables, {@code if}, and filters whose output
 * is at most a small multiple of their input. Everything that lets a few hundred bytes of template make gigabytes or
 * run for hours is left out, because {@code maxRenderedSize} bounds only what reaches the output: {@code range()}
 * and {@code ..} (a list built up front), {@code for} (nested over literal lists), {@code set} (doubling a string
 * per line), {@code macro} (recursion), filters that multiply text when chained ({@code replace}, {@code format},
 * {@code nl2br}, {@code urlencode}, {@code base64encode}, {@code join}...), every function, and {@code parallel}
 * and {@code cache}, the {@code ~} operator and deep nesting of brackets. Such a template fails to compile with a PebbleException, and the shipped template is used.
 */
final class OverrideTemplateLimits extends ExtensionCustomizer {

    static final Set<String> TAGS = Set.of("if", "autoescape", "verbatim");
    static final Set<String> FILTERS = Set.of("abbreviate", "capitalize", "default", "escape", "raw", "first",
            "last", "length", "lower", "upper", "title", "trim");
    // "~" concatenates: a chain of thousands of terms copies quadratically before maxRenderedSize is checked
    static final Set<String> NOT_OPERATORS = Set.of("..", "~");
    /** Brackets nest no deeper in a mail; far deeper, Pebble's recursive parser overflows the stack. */
    static final int MAX_NESTING = 32;

    /** Refuses a template whose brackets nest deeper than {@link #MAX_NESTING}, before Pebble parses it. */
    static void checkNesting(String template) {
        int depth = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    throw new PebbleException(null, "the template nests brackets more than " + MAX_NESTING + " deep");
                }
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
    }

    OverrideTemplateLimits(Extension delegate) {
        super(delegate);
    }

    @Override
    public List<TokenParser> getTokenParsers() {
        List<TokenParser> all = super.getTokenParsers();
        return all == null ? null : all.stream().filter(p -> TAGS.contains(p.getTag())).toList();
    }

    @Override
    public Map<String, Filter> getFilters() {
        Map<String, Filter> all = super.getFilters();
        if (all == null) {
            return null;
        }
        Map<String, Filter> kept = new HashMap<>(all);
        kept.keySet().retainAll(FILTERS);
        return kept;
    }

    @Override
    public Map<String, Function> getFunctions() {
        return super.getFunctions() == null ? null : Map.of();
    }

    @Override
    public List<BinaryOperator> getBinaryOperators() {
        List<BinaryOperator> all = super.getBinaryOperators();
        return all == null ? null : all.stream().filter(o -> !NOT_OPERATORS.contains(o.getSymbol())).toList();
    }
}
