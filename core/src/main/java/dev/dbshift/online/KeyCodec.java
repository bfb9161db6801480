package dev.dbshift.online;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes a key tuple into the checkpoint as text and reads it back as the same Java values, so a
 * resumed copy binds its bound with the column's own type (comparing a BIGINT column with a string
 * would go through DOUBLE and lose precision beyond 2^53). Format: one {@code tag:value} item per
 * column, items separated by newlines, values of text and bytes in Base64.
 */
public final class KeyCodec {

    private KeyCodec() {
    }

    public static String encode(List<Object> key) {
        if (key == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (Object v : key) {
            items.add(item(v));
        }
        return String.join("\n", items);
    }

    private static String item(Object v) {
        if (v == null) {
            return "N:";
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return "L:" + v;
        } else if (v instanceof BigInteger) {
            return "I:" + v;
        } else if (v instanceof BigDecimal d) {
            return "D:" + d.toPlainString();
        } else if (v instanceof String s) {
            return "S:" + Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (v instanceof byte[] b) {
            return "B:" + Base64.getEncoder().encodeToString(b);
        } else if (v instanceof LocalDateTime t) {
            return "T:" + t;
        } else if (v instanceof java.sql.Timestamp t) {
            return "T:" + t.toLocalDateTime();
        } else if (v instanceof LocalDate d) {
            return "A:" + d;
        } else if (v instanceof java.sql.Date d) {
            return "A:" + d.toLocalDate();
        } else if (v instanceof Boolean b) {
            return "L:" + (b ? 1 : 0);
        } else if (v instanceof Double || v instanceof Float) {
            return "F:" + v;
        }
        return "S:" + Base64.getEncoder().encodeToString(v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static List<Object> decode(String text) {
        if (text == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (String item : text.split("\n", -1)) {
            String tag = item.substring(0, 1);
            String v = item.substring(2);
            switch (tag) {
                case "N" -> out.add(null);
                case "L" -> out.add(Long.parseLong(v));
                case "I" -> out.add(new BigInteger(v));
                case "D" -> out.add(new BigDecimal(v));
                case "S" -> out.add(new String(Base64.getDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8));
                case "B" -> out.add(Base64.getDecoder().decode(v));
                case "T" -> out.add(LocalDateTime.parse(v));
                case "A" -> out.add(LocalDate.parse(v));
                case "F" -> out.add(Double.parseDouble(v));
                default -> throw new IllegalArgumentException("bad key item: " + item);
            }
        }
        return out;
    }
}
