package io.deltachain.codec.zstd;

import io.deltachain.spi.Codec;
import io.deltachain.testkit.CodecContract;

/** The zstd codec meets the codec contract of {@code delta-testkit}. */
class ZstdCodecContractTest extends CodecContract {

    @Override
    protected Codec codec() {
        return new ZstdCodec();
    }
}
