package io.deltachain.testkit;

import io.deltachain.spi.Codec;

/** The identity codec passes the codec contract; the bomb check is skipped because it does not compress. */
class IdentityCodecContractTest extends CodecContract {

    @Override
    protected Codec codec() {
        return Codec.identity();
    }
}
