package io.patron.card;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** Draws a card number as a PNG: a Code 128 barcode ({@code png}) or a QR code ({@code qr-png}). */
final class CardImages {

    static final String BARCODE = "png";
    static final String QR = "qr-png";

    private CardImages() {
    }

    /** Whether Code 128 can carry the number (printable ASCII). */
    static boolean barcodeCanEncode(String number) {
        return number.chars().allMatch(c -> c >= 32 && c < 127);
    }

    static byte[] png(String fileType, String number) {
        try {
            BitMatrix matrix = QR.equals(fileType)
                    ? new QRCodeWriter().encode(number, BarcodeFormat.QR_CODE, 400, 400, Map.of(
                            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4))
                    : new Code128Writer().encode(number, BarcodeFormat.CODE_128, 600, 200,
                            Map.of(EncodeHintType.MARGIN, 20));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot draw card number as " + fileType, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
