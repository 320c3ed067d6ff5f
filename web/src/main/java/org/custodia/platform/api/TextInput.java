package org.custodia.platform.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one rule for text that comes in: no NUL (PostgreSQL refuses it) and no unpaired UTF-16 surrogate
 * (it would be stored as '?', a different value from the one accepted). Percent-encoded text must be
 * well-formed UTF-8: it is decoded strictly, never into U+FFFD.
 */
public final class TextInput {

    /** What a field error says about refused text. */
    public static final String PROBLEM = "contains a NUL character, an unpaired surrogate or malformed UTF-8";

    private TextInput() {
    }

    /** Whether the text may be accepted as it is. */
    public static boolean acceptable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes one percent-encoded component (a path segment, a query name or value) strictly as UTF-8;
     * null when it is malformed (a bad escape or invalid UTF-8) or not {@link #acceptable}.
     */
    public static String decodeStrictly(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c > 0x7f) {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isSurrogate(c)) {
                    return null; // the raw URI should be ASCII; anything else is not ours to guess
                }
                bytes.write(utf8, 0, utf8.length);
            } else {
                bytes.write(c);
            }
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return acceptable(decoded) ? decoded : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
