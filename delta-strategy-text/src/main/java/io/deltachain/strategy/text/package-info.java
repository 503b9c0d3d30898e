/**
 * The {@code text} strategy: line deltas of UTF-8 text, unified diffs that GNU patch and git apply
 * read, and a fast linear-memory line diff usable through java-diff-utils. See
 * {@link io.deltachain.strategy.text.TextStrategy}.
 */
package io.deltachain.strategy.text;
