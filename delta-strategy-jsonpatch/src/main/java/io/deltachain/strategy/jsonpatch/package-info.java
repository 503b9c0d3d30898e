/**
 * The {@code json-patch} (RFC 6902) and {@code merge-patch} (RFC 7396) strategies on JSON node states.
 * See {@link io.deltachain.strategy.jsonpatch.JsonPatchStrategy} and
 * {@link io.deltachain.strategy.jsonpatch.MergePatchStrategy}.
 */
package io.deltachain.strategy.jsonpatch;
