package io.patron.customer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Recognises photo files by their content: the magic bytes, then a full decode by a reader of that format. */
final class PhotoFormat {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private PhotoFormat() {
    }

    /** {@code png} or {@code jpg} when the bytes are a whole image of that format, else empty. */
    static Optional<String> extension(byte[] content) {
        if (startsWith(content, PNG)) {
            return decodes(content, "png") ? Optional.of("png") : Optional.empty();
        }
        if (startsWith(content, JPEG)) {
            return decodes(content, "jpeg") ? Optional.of("jpg") : Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }

    private static boolean decodes(byte[] content, String format) {
        var readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            return false;
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(input, true, true);
            // Refuse absurd dimensions before allocating the raster (decompression bombs).
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels <= 0 || pixels > 40_000_000L) {
                return false;
            }
            return reader.read(0) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            reader.dispose();
        }
    }
}
