/**
 * JSON state formats, canonical JSON bytes and JSON-semantics equality.
 *
 * <p>Canonical JSON is frozen into hashes and records, so it is specified exactly in
 * {@code docs/FORMAT.md} and pinned by golden vectors.
 */
package io.deltachain.json;
