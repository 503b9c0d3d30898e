/** Implementation detail of the {@code delta} command; not API. */
package io.deltachain.cli.internal;
