package org.custodia.platform.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A GET that writes (an audit event, a checkpoint, a recorded opt-out). For console sessions it gets the
 * same cross-site protection as a POST ({@code identity.api.ApiAuthenticationFilter}): a browser may be tricked into
 * a cross-site GET, and the cookie rides along on a top-level navigation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StateChangingRead {
}
