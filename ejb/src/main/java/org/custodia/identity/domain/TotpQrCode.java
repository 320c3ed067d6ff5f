package org.custodia.identity.domain;

import io.nayuki.qrcodegen.QrCode;

/**
 * The QR code an authenticator app scans at set-up, as the {@code d} of one SVG path on a {@code size}-square grid
 * (the four-module quiet zone included): the page draws it without parsing markup. Error correction M, as the apps'
 * own examples use; an otpauth URI of a few hundred characters fits.
 */
public record TotpQrCode(int size, String path) {

    static final int QUIET_ZONE = 4;

    public static TotpQrCode of(String otpauthUri) {
        QrCode qr = QrCode.encodeText(otpauthUri, QrCode.Ecc.MEDIUM);
        StringBuilder d = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    d.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return new TotpQrCode(qr.size + 2 * QUIET_ZONE, d.toString());
    }
}
