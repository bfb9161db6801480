package dev.dbshift.schema;

/** Text as catalogs hand it back, made stable for comparison and checksums. */
public final class CatalogText {
    private CatalogText() {
    }

    /** Trims, normalises line endings and drops one trailing semicolon, so a definition does not depend on the client OS. */
    public static String tidy(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }
}
