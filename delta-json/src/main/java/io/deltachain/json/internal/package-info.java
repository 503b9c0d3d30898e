/**
 * Implementation detail of {@code delta-json}; not API, may change in any release. Use
 * {@link io.deltachain.json.CanonicalJson}, {@link io.deltachain.json.JsonValues} and
 * {@link io.deltachain.json.JsonFormats} instead.
 */
package io.deltachain.json.internal;
