/** Implementation detail of {@code delta-api}; not part of the API, may change in any release. */
package io.deltachain.api.internal;
