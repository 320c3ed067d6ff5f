package org.custodia.ropa.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A system personal data lives in (an application, a database, a SaaS service), named uniquely per tenant; activities
 * list the systems they use by name.
 *
 * @param hostingCountry ISO 3166-1 alpha-2 code of where it is hosted, or null when not known
 */
public record ProcessingSystem(UUID id, String name, String description, String hostingCountry, Instant createdAt, Instant updatedAt) {
}
