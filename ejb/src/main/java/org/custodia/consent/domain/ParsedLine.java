package org.custodia.consent.domain;

/** What one import record parses to: a valid {@link ImportLine} or the {@link ImportLine.Problem} that rejects it. */
public sealed interface ParsedLine permits ImportLine, ImportLine.Problem {
}
