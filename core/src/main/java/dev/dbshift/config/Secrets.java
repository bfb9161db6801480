package dev.dbshift.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every secret of one set of settings: the password (however it was given: {@code password}, the
 * user-info of a URL or DSN), and the value of every placeholder whose name says it is one (it contains
 * {@code password}, {@code secret}, {@code token} or {@code key}, in any case). One object scrubs them all
 * from whatever dbshift prints or stores: error messages, printed statements, history rows. A secret of
 * fewer than three characters is not scrubbed (it would mask every occurrence of a common letter pair).
 */
public final class Secrets {
    public static final Secrets NONE = new Secrets(Map.of());
    public static final String MASK = "******";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|key).*");

    /** Secret value to what it is (e.g. {@code password}, {@code placeholder app_password}), longest first. */
    private final Map<String, String> values;

    private Secrets(Map<String, String> values) {
        this.values = values;
    }

    /** True for a placeholder whose value must never be printed: its name contains password, secret, token or key. */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** The secrets of these settings. */
    public static Secrets of(Secret password, Map<String, String> placeholders) {
        Map<String, String> found = new LinkedHashMap<>();
        add(found, password.reveal(), "password");
        placeholders.forEach((name, value) -> {
            if (isSecretName(name)) {
                add(found, value, "placeholder " + name);
            }
        });
        List<Map.Entry<String, String>> sorted = new ArrayList<>(found.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        Map<String, String> values = new LinkedHashMap<>();
        sorted.forEach(e -> values.put(e.getKey(), e.getValue()));
        return new Secrets(values);
    }

    private static void add(Map<String, String> found, String value, String what) {
        if (value == null || value.length() < 3) {
            return;
        }
        found.putIfAbsent(value, what);
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        if (!encoded.equals(value)) {
            found.putIfAbsent(encoded, what);
        }
    }

    /** {@code message} with every secret, and any password inside a URL or DSN, replaced by {@value #MASK}. */
    public String scrub(String message) {
        if (message == null) {
            return null;
        }
        String s = Secret.maskUrl(message);
        for (String value : values.keySet()) {
            s = s.replace(value, MASK);
        }
        return s;
    }

    /** What the secrets found in {@code text} are (e.g. {@code placeholder app_password}); empty when it holds none. */
    public List<String> foundIn(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        values.forEach((value, what) -> {
            if (text.contains(value) && !out.contains(what)) {
                out.add(what);
            }
        });
        return out;
    }

    /** {@code value}, or the mask when {@code name} is a secret placeholder's name. */
    public static String shown(String name, String value) {
        return isSecretName(name) && value != null && !value.isEmpty() ? MASK : value;
    }

    @Override
    public String toString() {
        return "Secrets[" + values.size() + "]";
    }
}
