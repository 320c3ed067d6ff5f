package org.custodia.platform.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose success response carries a secret shown only once (an API key, a TOTP seed,
 * recovery codes, a generated password). {@link IdempotencyFilter} never stores such a response: it keeps
 * only a marker that the caller's request succeeded, and a replay of it answers 409 instead of the secret.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SecretBearingResponse {
}
