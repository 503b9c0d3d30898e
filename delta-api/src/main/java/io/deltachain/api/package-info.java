/**
 * What users of Deltachain touch: {@link io.deltachain.api.DeltaRegistry} (discovery of strategies,
 * codecs and state formats), {@link io.deltachain.api.Limits} (bounds on every decode),
 * {@link io.deltachain.api.StateFormats} (the built-in state formats) and the exceptions, all
 * subtypes of the unchecked {@link io.deltachain.api.DeltaException}, each carrying the facts of
 * its failure as fields as well as in its message.
 *
 * <p>The interfaces that providers implement live in {@link io.deltachain.spi}. This package
 * depends on the JDK only.
 */
package io.deltachain.api;
