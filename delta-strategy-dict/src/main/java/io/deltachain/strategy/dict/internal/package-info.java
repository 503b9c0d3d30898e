/** Implementation detail of the {@code dict} strategy; not API. */
package io.deltachain.strategy.dict.internal;
