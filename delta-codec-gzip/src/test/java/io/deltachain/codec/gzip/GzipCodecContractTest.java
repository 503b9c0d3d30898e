package io.deltachain.codec.gzip;

import io.deltachain.spi.Codec;
import io.deltachain.testkit.CodecContract;

/** The gzip codec meets the codec contract of {@code delta-testkit}. */
class GzipCodecContractTest extends CodecContract {

    @Override
    protected Codec codec() {
        return new GzipCodec();
    }
}
