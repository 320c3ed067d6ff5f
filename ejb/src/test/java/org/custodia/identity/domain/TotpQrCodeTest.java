package org.custodia.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** The set-up QR code is judged by another library's reader: drawn as the page draws it, it reads back as the URI. */
class TotpQrCodeTest {

    static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    static final int SCALE = 4;

    @Test
    void theDrawnCodeReadsBackAsTheOtpauthAddress() throws Exception {
        String uri = "otpauth://totp/Custodia%20(acme):dpo%40acme.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
                + "&issuer=Custodia%20(acme)&algorithm=SHA1&digits=6&period=30";
        TotpQrCode qr = TotpQrCode.of(uri);
        assertThat(MODULE.matcher(qr.path()).replaceAll("")).as("nothing but unit squares").isEmpty();
        assertThat(read(qr)).isEqualTo(uri);
    }

    @Test
    void theQuietZoneIsLeftWhite() {
        TotpQrCode qr = TotpQrCode.of("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP");
        Matcher m = MODULE.matcher(qr.path());
        while (m.find()) {
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            assertThat(x).isBetween(TotpQrCode.QUIET_ZONE, qr.size() - TotpQrCode.QUIET_ZONE - 1);
            assertThat(y).isBetween(TotpQrCode.QUIET_ZONE, qr.size() - TotpQrCode.QUIET_ZONE - 1);
        }
    }

    /** Paints the path's unit squares black on white, four pixels a module, and decodes the picture. */
    static String read(TotpQrCode qr) throws Exception {
        int side = qr.size() * SCALE;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher m = MODULE.matcher(qr.path());
        while (m.find()) {
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            for (int dy = 0; dy < SCALE; dy++) {
                for (int dx = 0; dx < SCALE; dx++) {
                    pixels[(y * SCALE + dy) * side + x * SCALE + dx] = 0x000000;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        return new QRCodeReader().decode(bitmap, java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
