package dev.dbshift.config;

import java.util.regex.Pattern;

/** A password: its {@link #toString()} is a mask, so it cannot end up in a log or an error by accident. */
public final class Secret {
    public static final Secret NONE = new Secret(null);
    /** A user-info's password runs to its last {@code @} before a {@code /} or a space: a password may hold {@code @}. */
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@?\\s]*:)[^/\\s]*@");
    private static final Pattern DSN_USERINFO = Pattern.compile("(^|[\\s'\"])([^\\s'\":/@]+:)[^\\s'\"/]*@");
    /**
     * A password parameter's value runs to the next parameter or the end; one already masked (the mask, then the next
     * parameter, a space, a quote, a closing bracket, a colon and a space, or the end) is left as it is: an error message holds the masked URL and then the reason
     * ({@code ...&password=******: Connection refused}), and the CLI scrubs the whole message once more, which took
     * the reason with it.
     */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)(?!\\*{6}(?:[&;\\s'\")\\]]|:\\s|$))[^&;]*");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null ? NONE : new Secret(value);
    }

    /** The password itself: hand it to the driver, never to a printer. */
    public String reveal() {
        return value;
    }

    public boolean isSet() {
        return value != null && !value.isEmpty();
    }

    @Override
    public String toString() {
        return isSet() ? "******" : "";
    }

    /** Masks {@code user:password@} and {@code password=...} in a URL or DSN. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String s = URL_USERINFO.matcher(url).replaceAll("$1******@");
        s = DSN_USERINFO.matcher(s).replaceAll("$1$2******@");
        return URL_PASSWORD.matcher(s).replaceAll("$1******");
    }

    /** Removes this password (and any password inside a URL) from a message. */
    public String scrub(String message) {
        if (message == null) {
            return null;
        }
        String s = maskUrl(message);
        if (isSet() && value.length() >= 3) {
            s = s.replace(value, "******");
        }
        return s;
    }
}
