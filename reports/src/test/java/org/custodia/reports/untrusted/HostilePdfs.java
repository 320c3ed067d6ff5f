package org.custodia.reports.untrusted;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Small PDFs that would cost a careless reader much more than their size. */
public final class HostilePdfs {

    private HostilePdfs() {
    }

    /**
     * A PDF of some 100 KB whose catalog lives in an object stream that inflates to {@code inflated} bytes
     * (Flate, then run-length: PDFBox drops a repeated filter): reading the catalog means inflating it.
     */
    public static byte[] flateBomb(long inflated) throws IOException {
        String objects = "<< /Type /Catalog /Pages 2 0 R >> << /Type /Pages /Kids [] /Count 0 >>";
        String header = "1 0 2 34 ";
        byte[] start = (header + " ".repeat(20 - header.length()) + objects).getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (var flate = new java.util.zip.DeflaterOutputStream(compressed, new java.util.zip.Deflater(9), 1 << 16)) {
            flate.write(start.length - 1); // a literal run
            flate.write(start);
            byte[] runs = new byte[1 << 16]; // each pair is 128 spaces
            for (int i = 0; i < runs.length; i += 2) {
                runs[i] = (byte) 129;
                runs[i + 1] = ' ';
            }
            for (long left = inflated / 128; left > 0; left -= runs.length / 2) {
                flate.write(runs, 0, (int) Math.min(runs.length / 2, left) * 2);
            }
            flate.write(128); // end of data
        }
        java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
        pdf.writeBytes("%PDF-1.7\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1));
        long objectStream = pdf.size();
        pdf.writeBytes(("3 0 obj\n<< /Type /ObjStm /N 2 /First 20 /Filter [/FlateDecode /RunLengthDecode] /Length "
                + compressed.size() + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        pdf.writeBytes(compressed.toByteArray());
        pdf.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        long xref = pdf.size();
        java.nio.ByteBuffer entries = java.nio.ByteBuffer.allocate(5 * 7);
        entries.put((byte) 0).putInt(0).putShort((short) 0xffff);
        entries.put((byte) 2).putInt(3).putShort((short) 0);
        entries.put((byte) 2).putInt(3).putShort((short) 1);
        entries.put((byte) 1).putInt((int) objectStream).putShort((short) 0);
        entries.put((byte) 1).putInt((int) xref).putShort((short) 0);
        pdf.writeBytes(("4 0 obj\n<< /Type /XRef /Size 5 /Root 1 0 R /W [1 4 2] /Length 35 >>\nstream\n")
                .getBytes(StandardCharsets.US_ASCII));
        pdf.writeBytes(entries.array());
        pdf.writeBytes(("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
        return pdf.toByteArray();
    }
}
