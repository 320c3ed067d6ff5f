package org.custodia.connector.domain;

import java.util.UUID;

/** Which request a search is for: the HTTP connector tells the customer's endpoint (ids and a type code only). */
public record DiscoveryCall(UUID requestId, String requestType, SubjectIdentifiers identifiers) {
}
