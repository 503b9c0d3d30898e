package io.deltachain.json.internal;

import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
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

    /** The most digits an integer's canonical text keeps plain, without an exponent. */
    private static final int PLAIN_DIGITS = 21;
    /**
     * How much longer than its literal a number's canonical text can be: a sign, a point, {@code e+} and
     * ten exponent digits ({@code 1234e5678} becomes {@code 1.234e+5681}); or {@value #PLAIN_DIGITS}
     * digits and a sign, written plain from a literal as short as {@code 1e20}.
     */
    private static final int MAX_GROWTH = 13;

    private JsonNumbers() {
    }

    /**
     * Refuses a number literal whose canonical text (as {@link CanonicalWriter} writes it) would not
     * read back under {@code limits}, so that whatever is read can be written and read again: the
     * canonical text may be longer than the literal ({@code 1234567890123456789012.5} is
     * {@code 1.2345678901234567890125e+21}), and an integer of more than {@value #PLAIN_DIGITS} digits
     * gets an exponent, which {@link io.deltachain.api.Limits#maxNumberExponent()} bounds. Only literals
     * near the length limit, or integers longer than the exponent limit, are laid out.
     *
     * @param value the literal's value: a {@code BigInteger} (an integer literal) or a {@code BigDecimal}
     * @param literalLength the literal's characters, within {@link io.deltachain.api.Limits#maxNumberLength()}
     * @param limits the bounds the canonical text must meet
     * @param at the literal's byte offset, for the message
     * @throws LimitExceededException naming {@link Limit#NUMBER_LENGTH} or {@link Limit#NUMBER_EXPONENT}
     */
    static void checkReadsBack(Number value, int literalLength, io.deltachain.api.Limits limits, long at) {
        if (value instanceof BigInteger integer) {
            int digits = literalLength - (integer.signum() < 0 ? 1 : 0); // JSON has no '+' and no leading zeros
            if (digits <= PLAIN_DIGITS) {
                return; // written as its literal (or shorter: -0 is 0), with no exponent
            }
            long exponent = digits - 1L;
            if (exponent > limits.maxNumberExponent()) {
                throw new LimitExceededException(Limit.NUMBER_EXPONENT, exponent, limits.maxNumberExponent(),
                        "integer of " + digits + " digits at byte offset " + at + " is written canonically with the"
                        + " decimal exponent " + exponent + ", beyond " + limits.maxNumberExponent()
                        + " (Limits.maxNumberExponent), so it could not be read back");
            }
        }
        if (Math.max(PLAIN_DIGITS + 1, literalLength + MAX_GROWTH) <= limits.maxNumberLength()) {
            return;
        }
        String canonical = value instanceof BigInteger i ? layout(i) : layout((BigDecimal) value);
        if (canonical.length() > limits.maxNumberLength()) {
            throw new LimitExceededException(Limit.NUMBER_LENGTH, canonical.length(), limits.maxNumberLength(),
                    "number literal of " + literalLength + " characters at byte offset " + at + " is written"
                    + " canonically in " + canonical.length() + " characters (" + abbreviate(canonical) + "), longer"
                    + " than " + limits.maxNumberLength() + " (Limits.maxNumberLength), so it could not be read back");
        }
    }

    private static String abbreviate(String canonical) {
        return canonical.length() <= 24 ? canonical
                : canonical.substring(0, 12) + "..." + canonical.substring(canonical.length() - 9);
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
