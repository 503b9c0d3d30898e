package io.deltachain.json.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Canonical number text: exact decimal values laid out as ECMAScript's {@code Number::toString}
 * (RFC 8785 §3.2.2.3), and the shortest decimal that reads back as a given {@code double} or
 * {@code float}, computed with {@link BigDecimal} only (never {@code Double.toString}, whose output
 * changed in JDK 19). Stateless.
 */
final class JsonNumbers {
    /** Significant digits that always suffice to read back a {@code double}. */
    private static final int DOUBLE_MAX_DIGITS = 17;
    /** Significant digits that always suffice to read back a {@code float}. */
    private static final int FLOAT_MAX_DIGITS = 9;

    private JsonNumbers() {
    }

    /**
     * Lays out an exact decimal value. Let the value's significant digits (trailing zeros
     * stripped) be {@code s} ({@code k} digits) and {@code n} such that the value is
     * {@code s × 10^(n−k)}: plain digits when {@code -6 < n <= 21}, otherwise one digit, an
     * optional fraction and {@code e+N} / {@code e-N}. Zero (of any sign or scale) is {@code 0}.
     *
     * @param value any decimal
     * @return its canonical text
     * @throws ArithmeticException when the value's exponent does not fit a BigDecimal once normalised
     */
    static String layout(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        int k = digits.length();
        long n = (long) k - stripped.scale();
        StringBuilder b = new StringBuilder(k + 24);
        if (stripped.signum() < 0) {
            b.append('-');
        }
        if (k <= n && n <= 21) {
            b.append(digits);
            for (long i = k; i < n; i++) {
                b.append('0');
            }
        } else if (0 < n && n <= 21) {
            b.append(digits, 0, (int) n).append('.').append(digits, (int) n, k);
        } else if (-6 < n && n <= 0) {
            b.append("0.");
            for (long i = n; i < 0; i++) {
                b.append('0');
            }
            b.append(digits);
        } else {
            b.append(digits.charAt(0));
            if (k > 1) {
                b.append('.').append(digits, 1, k);
            }
            long e = n - 1;
            b.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return b.toString();
    }

    /**
     * @param value any integer
     * @return its canonical text
     */
    static String layout(BigInteger value) {
        if (value.bitLength() < 64) {
            return Long.toString(value.longValue());
        }
        return layout(new BigDecimal(value));
    }

    /**
     * @param value a long; never above 10^21 in magnitude, so always plain digits
     * @return its canonical text
     */
    static String layout(long value) {
        return Long.toString(value);
    }

    /**
     * @param value a finite double
     * @return the canonical text of the shortest decimal that reads back as {@code value}
     */
    static String layout(double value) {
        if (value == 0) {
            return "0";
        }
        return layout(shortest(value));
    }

    /**
     * @param value a finite float
     * @return the canonical text of the shortest decimal that reads back as {@code value}
     */
    static String layout(float value) {
        if (value == 0) {
            return "0";
        }
        return layout(shortest(value));
    }

    /**
     * The shortest decimal (fewest significant digits) that reads back as {@code value}; among
     * those, the one closest to the exact value; on a tie, the one whose last digit is even.
     *
     * @param value a finite, non-zero double
     * @return that decimal, with the sign of {@code value}
     */
    static BigDecimal shortest(double value) {
        double target = Math.abs(value);
        BigDecimal exact = new BigDecimal(target);
        // A p-digit decimal that reads back is also a (p+1)-digit one, so the property is monotone
        // in p: binary search for the least p.
        int lo = 1;
        int hi = DOUBLE_MAX_DIGITS;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (candidate(exact, target, 0f, false, mid) != null) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        BigDecimal best = candidate(exact, target, 0f, false, lo);
        if (best == null) {
            throw new AssertionError("no " + DOUBLE_MAX_DIGITS + "-digit decimal reads back as " + exact);
        }
        return value < 0 ? best.negate() : best;
    }

    /**
     * Like {@link #shortest(double)} for a {@code float}, reading back with
     * {@link BigDecimal#floatValue()}.
     *
     * @param value a finite, non-zero float
     * @return that decimal, with the sign of {@code value}
     */
    static BigDecimal shortest(float value) {
        float target = Math.abs(value);
        BigDecimal exact = new BigDecimal((double) target);
        int lo = 1;
        int hi = FLOAT_MAX_DIGITS;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (candidate(exact, 0d, target, true, mid) != null) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        BigDecimal best = candidate(exact, 0d, target, true, lo);
        if (best == null) {
            throw new AssertionError("no " + FLOAT_MAX_DIGITS + "-digit decimal reads back as " + exact);
        }
        return value < 0 ? best.negate() : best;
    }

    /**
     * @return the better of the two {@code digits}-digit neighbours of {@code exact} (rounded down
     *     and up) that read back as the target, or null when neither does
     */
    private static BigDecimal candidate(BigDecimal exact, double targetDouble, float targetFloat, boolean isFloat,
                                        int digits) {
        BigDecimal down = exact.round(new MathContext(digits, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(digits, RoundingMode.CEILING));
        boolean downOk = isFloat ? down.floatValue() == targetFloat : down.doubleValue() == targetDouble;
        boolean upOk = isFloat ? up.floatValue() == targetFloat : up.doubleValue() == targetDouble;
        if (downOk && upOk) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            if (cmp < 0) {
                return down;
            }
            if (cmp > 0) {
                return up;
            }
            // Exactly halfway: the one whose last digit is even.
            return up.unscaledValue().testBit(0) ? down : up;
        }
        if (downOk) {
            return down;
        }
        return upOk ? up : null;
    }
}
