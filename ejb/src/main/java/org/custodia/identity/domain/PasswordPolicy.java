package org.custodia.identity.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * 12 to 128 characters, and strong enough by nbvcxz's estimate: common passwords, dictionary words,
 * names, keyboard walks, dates and repeats score low; so do the user's own email and the tenant's slug.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    /** bits of guessing entropy (nbvcxz's default is 35; 40 refuses more of the dictionary tail) */
    static final double MIN_ENTROPY = 40;

    private static final ConfigurationBuilder BASE = new ConfigurationBuilder().setMinimumEntropy(MIN_ENTROPY);
    private static final Nbvcxz DEFAULT = new Nbvcxz(BASE.createConfiguration());

    private PasswordPolicy() {
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public static Optional<String> refusal(String password, String... personalWords) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        for (String word : personalWords) {
            if (word != null && word.length() >= 4 && lower.contains(word.toLowerCase(Locale.ROOT))) {
                return Optional.of("must not contain your email address or the organisation's name");
            }
        }
        Result result = estimator(personalWords).estimate(password);
        if (!result.isMinimumEntropyMet()) {
            String warning = result.getFeedback() == null ? null : result.getFeedback().getWarning();
            return Optional.of("is too easy to guess" + (warning == null || warning.isBlank() ? "" : ": " + warning));
        }
        return Optional.empty();
    }

    private static Nbvcxz estimator(String... personalWords) {
        List<String> words = java.util.Arrays.stream(personalWords).filter(w -> w != null && w.length() >= 3).toList();
        if (words.isEmpty()) {
            return DEFAULT;
        }
        DictionaryBuilder personal = new DictionaryBuilder().setDictionaryName("personal").setExclusion(true);
        words.forEach(w -> personal.addWord(w.toLowerCase(Locale.ROOT), 0));
        return new Nbvcxz(new ConfigurationBuilder().setMinimumEntropy(MIN_ENTROPY)
                .setDictionaries(withDefaults(personal)).createConfiguration());
    }

    private static List<me.gosimple.nbvcxz.resources.Dictionary> withDefaults(DictionaryBuilder personal) {
        List<me.gosimple.nbvcxz.resources.Dictionary> all = new java.util.ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        all.add(personal.createDictionary());
        return all;
    }
}
