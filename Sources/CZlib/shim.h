#include <zlib.h>

// inflateInit2 is a macro (it passes zlib's version and struct size), which Swift cannot call.
// 16 + MAX_WBITS: a gzip stream only, with its header and CRC checked.
static inline int candor_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}
