package org.custodia.ropa.domain;

import java.util.List;

/** One row of an uploaded sheet: its line (as the spreadsheet numbers it, the header being line 1) and its cells. */
public record SheetRow(int line, List<String> cells) {
}
