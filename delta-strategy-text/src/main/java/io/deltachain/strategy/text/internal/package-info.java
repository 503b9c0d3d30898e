/**
 * Implementation detail of the {@code text} strategy: line splitting and interning, the line diff
 * (patience anchors, Myers in linear space, a work budget), the record payload, the unified diff
 * writer, parser and applier.
 */
package io.deltachain.strategy.text.internal;
