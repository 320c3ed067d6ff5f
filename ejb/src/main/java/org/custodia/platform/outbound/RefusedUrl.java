package org.custodia.platform.outbound;

import java.io.IOException;

/**
 * An outbound URL or response the guard refused, or a fetch that failed. The message is detail for the
 * server log only; callers answer the generic {@link #GENERIC} so a caller cannot map the network.
 */
public class RefusedUrl extends IOException {

    public static final String GENERIC = "the provider could not be reached";

    public RefusedUrl(String detail) {
        super(detail);
    }

    public RefusedUrl(String detail, Throwable cause) {
        super(detail, cause);
    }
}
