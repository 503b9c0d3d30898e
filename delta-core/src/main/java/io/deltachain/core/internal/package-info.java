/** Implementation detail of {@code delta-core}: wire formats, hashing; not API. */
package io.deltachain.core.internal;
