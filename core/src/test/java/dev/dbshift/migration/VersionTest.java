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
}
