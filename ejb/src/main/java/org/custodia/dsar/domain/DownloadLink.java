package org.custodia.dsar.domain;

import java.time.Instant;

import org.custodia.identity.domain.SingleUseToken;

/** Whether a package's download link may be redeemed now: once, before it expires. */
public final class DownloadLink {

    public enum State { VALID, USED, EXPIRED }

    private DownloadLink() {
    }

    public static State state(SingleUseToken link, Instant now) {
        return link.refusalAt(now).map(r -> r == SingleUseToken.Refusal.USED ? State.USED : State.EXPIRED).orElse(State.VALID);
    }
}
