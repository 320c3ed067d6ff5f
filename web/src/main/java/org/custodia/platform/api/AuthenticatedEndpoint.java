package org.custodia.platform.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Any authenticated caller may use the endpoint, whatever its role: its own account (who am I, sign
 * out, MFA enrolment). Stays open while a session still has to enrol in MFA.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AuthenticatedEndpoint {
}
