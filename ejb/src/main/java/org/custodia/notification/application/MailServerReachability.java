package org.custodia.notification.application;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this node reaches the mail server: unreachable from its first server-level failure (connection refused,
 * authentication, the sender refused) until a mail goes out again. A recipient one server refuses is that mail's
 * own failure and counts for nothing here, so one bad address never makes a node look broken.
 */
@ApplicationScoped
public class MailServerReachability {

    private final AtomicReference<Instant> unreachableSince = new AtomicReference<>();

    void serverFailed(Instant at) {
        unreachableSince.compareAndSet(null, at);
    }

    void sent() {
        unreachableSince.set(null);
    }

    /** Since when the mail server has not been reached; empty while mail goes out (or none was tried). */
    public Optional<Instant> unreachableSince() {
        return Optional.ofNullable(unreachableSince.get());
    }
}
