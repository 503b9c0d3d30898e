/** The {@code dict} strategy: key-level deltas of JSON maps. See {@link io.deltachain.strategy.dict.DictStrategy}. */
package io.deltachain.strategy.dict;
