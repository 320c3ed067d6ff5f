package org.custodia.consent.domain;

import java.util.UUID;

/** What the check needs to know about a purpose: its current notice and how it treats GPC and notice changes. */
public record PurposeRules(UUID purposeId, String key, int version, Integer noticeVersion, boolean reconsentOnNoticeChange,
                           boolean honoursGpc) {
}
