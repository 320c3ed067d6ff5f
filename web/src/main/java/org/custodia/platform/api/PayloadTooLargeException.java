package org.custodia.platform.api;

import java.io.IOException;

/** A request body grew past the limit while it was read. */
public class PayloadTooLargeException extends IOException {
    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
