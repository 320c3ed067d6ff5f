package org.custodia.reports.pdf;

/** The advance width of a piece of text at one font size, regular or bold. */
@FunctionalInterface
interface TextMeasure {

    float width(String text, boolean bold);

    /** The measure of the report fonts at a size. */
    static TextMeasure of(ReportFonts fonts, float size) {
        return (text, bold) -> fonts.width(text, bold, size);
    }
}
