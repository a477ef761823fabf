package dev.quarry.ingest.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes file bytes to text without assuming an encoding: a byte-order mark wins; then strict UTF-8; then UTF-16
 * recognised by its zero bytes; then the statistical detector; then Windows-1252, which decodes any byte. Bytes
 * that look binary are refused, so an image renamed to .txt is skipped rather than indexed as noise.
 */
final class TextDecoding {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {
    }

    static String decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        if (startsWith(bytes, 0xFE, 0xFF)) return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        if (startsWith(bytes, 0xFF, 0xFE)) return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        Charset utf16 = utf16WithoutMark(bytes);
        if (utf16 != null) return new String(bytes, utf16);
        if (looksBinary(bytes)) throw new ParseException("binary content, not text");
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, detected(bytes));
        }
    }

    private static Charset detected(byte[] bytes) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, bytes.length);
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        try {
            return name == null || name.equals("UTF-8") ? WINDOWS_1252 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return WINDOWS_1252;
        }
    }

    /** Mostly-ASCII UTF-16 text has a zero in every other byte. */
    private static Charset utf16WithoutMark(byte[] bytes) {
        int sample = Math.min(bytes.length, 4096) & ~1;
        if (sample < 4) return null;
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < sample; i += 2) {
            if (bytes[i] == 0) evenZeros++;
            if (bytes[i + 1] == 0) oddZeros++;
        }
        int pairs = sample / 2;
        if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return StandardCharsets.UTF_16BE;
        if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return StandardCharsets.UTF_16LE;
        return null;
    }

    /** NUL bytes, or many control characters, in the first few kilobytes. */
    private static boolean looksBinary(byte[] bytes) {
        int sample = Math.min(bytes.length, 8192);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0) return true;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') control++;
        }
        return sample > 0 && control > sample / 20;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((bytes[i] & 0xff) != prefix[i]) return false;
        return true;
    }
}
