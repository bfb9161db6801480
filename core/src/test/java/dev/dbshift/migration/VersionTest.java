package dev.dbshift.migration;

import dev.dbshift.testing.Pure;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Pure
class VersionTest {
    @Test
    void comparesNumericallyPartByPart() {
        assertThat(Version.parse("1.10")).isGreaterThan(Version.parse("1.9"));
        assertThat(Version.parse("2")).isGreaterThan(Version.parse("1.99.99"));
        assertThat(Version.parse("20260101120000")).isGreaterThan(Version.parse("20251231235959"));
        assertThat(Version.parse("1.0")).isEqualTo(Version.parse("1")).hasSameHashCodeAs(Version.parse("1.0.0"));
        assertThat(Version.parse("1_2").toString()).isEqualTo("1.2");
        assertThat(Version.parse("99999999999999999999999").compareTo(Version.parse("1"))).isPositive();
    }

    @Test
    void saysWhatIsWrong() {
        assertThat(Version.problem("1..2")).contains("empty part");
        assertThat(Version.problem("1.a")).contains("'a', which is not a number");
        assertThat(Version.problem("")).contains("empty");
        assertThatThrownBy(() -> Version.parse("v1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void orderMatchesTheOrderOfTheNumbers(@ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1000) Integer> a,
                                          @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1000) Integer> b) {
        Version va = Version.parse(a.stream().map(String::valueOf).collect(Collectors.joining(".")));
        Version vb = Version.parse(b.stream().map(String::valueOf).collect(Collectors.joining(".")));
        int expected = 0;
        for (int i = 0; i < Math.max(a.size(), b.size()) && expected == 0; i++) {
            expected = Integer.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
        }
        assertThat(Integer.signum(va.compareTo(vb))).isEqualTo(expected);
        assertThat(va.equals(vb)).isEqualTo(expected == 0);
        assertThat(Integer.signum(vb.compareTo(va))).isEqualTo(-expected);
    }

    /**
     * Parts compared as longs when they fit and as big integers when one does not (around 2^63 and far beyond),
     * always in the order of the numbers, and mixed: a version with one huge part against one of small parts.
     */
    @Property
    void partsAroundAndBeyondALongCompareAsNumbers(
            @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = 5) Integer> aPick,
            @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = 5) Integer> bPick) {
        java.math.BigInteger[] values = {java.math.BigInteger.ZERO, java.math.BigInteger.ONE,
                java.math.BigInteger.valueOf(Long.MAX_VALUE - 1), java.math.BigInteger.valueOf(Long.MAX_VALUE),
                java.math.BigInteger.valueOf(Long.MAX_VALUE).add(java.math.BigInteger.ONE), new java.math.BigInteger("99999999999999999999999")};
        List<java.math.BigInteger> a = aPick.stream().map(k -> values[k]).toList();
        List<java.math.BigInteger> b = bPick.stream().map(k -> values[k]).toList();
        Version va = Version.parse(a.stream().map(String::valueOf).collect(Collectors.joining(".")));
        Version vb = Version.parse(b.stream().map(String::valueOf).collect(Collectors.joining(".")));
        int expected = 0;
        for (int i = 0; i < Math.max(a.size(), b.size()) && expected == 0; i++) {
            expected = (i < a.size() ? a.get(i) : java.math.BigInteger.ZERO).compareTo(i < b.size() ? b.get(i) : java.math.BigInteger.ZERO);
        }
        assertThat(Integer.signum(va.compareTo(vb))).isEqualTo(Integer.signum(expected));
        assertThat(Integer.signum(vb.compareTo(va))).isEqualTo(-Integer.signum(expected));
        assertThat(va.equals(vb)).isEqualTo(expected == 0);
    }

    /**
     * The one-pass parser against the plain definition (split at dots and underscores, each part a non-negative
     * number, trailing zero parts dropped): the same verdict, the same message, the same parts, and equal versions
     * (leading zeros, trailing zeros, huge parts) have equal hash codes.
     */
    @Property
    void theParserAgreesWithTheDefinition(@ForAll("texts") String text, @ForAll("texts") String other) {
        assertThat(Version.problem(text)).isEqualTo(definedProblem(text));
        if (definedProblem(text) != null) {
            assertThatThrownBy(() -> Version.parse(text)).hasMessage(definedProblem(text));
            return;
        }
        Version v = Version.parse(text);
        assertThat(v.parts()).isEqualTo(definedParts(text));
        assertThat(v.toString()).isEqualTo(text.replace('_', '.'));
        if (definedProblem(other) == null) {
            Version o = Version.parse(other);
            boolean same = definedParts(text).equals(definedParts(other));
            assertThat(v.equals(o)).isEqualTo(same);
            assertThat(v.compareTo(o) == 0).isEqualTo(same);
            if (same) {
                assertThat(v.hashCode()).isEqualTo(o.hashCode());
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> texts() {
        net.jqwik.api.Arbitrary<String> part = net.jqwik.api.Arbitraries.oneOf(
                net.jqwik.api.Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(3),
                net.jqwik.api.Arbitraries.of("0", "00", "007", "9223372036854775807", "9223372036854775808",
                        "00000000000000000000001", "99999999999999999999999", "a", "", "1x"));
        return part.list().ofMinSize(1).ofMaxSize(4).flatMap(parts -> net.jqwik.api.Arbitraries.of(".", "_")
                .list().ofSize(parts.size()).map(seps -> {
                    StringBuilder b = new StringBuilder(parts.get(0));
                    for (int i = 1; i < parts.size(); i++) {
                        b.append(seps.get(i)).append(parts.get(i));
                    }
                    return b.toString();
                }));
    }

    private static String definedProblem(String text) {
        if (text.isEmpty()) {
            return "the version is empty";
        }
        for (String p : text.replace('_', '.').split("\\.", -1)) {
            if (p.isEmpty()) {
                return "the version '" + text + "' has an empty part (two dots in a row, or a leading or trailing dot)";
            }
            if (!p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return "the version '" + text + "' has '" + p + "', which is not a number (versions are dotted numbers like 1.2.3 or a timestamp)";
            }
        }
        return null;
    }

    private static List<java.math.BigInteger> definedParts(String text) {
        List<java.math.BigInteger> parts = new java.util.ArrayList<>();
        for (String p : text.replace('_', '.').split("\\.", -1)) {
            parts.add(new java.math.BigInteger(p));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }
}
