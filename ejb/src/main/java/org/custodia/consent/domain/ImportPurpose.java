package org.custodia.consent.domain;

import java.util.Map;
import java.util.UUID;

/** What an import needs of a purpose: its id and version, its current notice, and every notice's hash by version. */
public record ImportPurpose(UUID id, int version, Integer noticeVersion, Map<Integer, String> noticeHashes) {
}
