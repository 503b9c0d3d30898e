/** Implementation of the JSON Patch and Merge Patch strategies: diff, alignment, apply, payloads. Not an API. */
package io.deltachain.strategy.jsonpatch.internal;
