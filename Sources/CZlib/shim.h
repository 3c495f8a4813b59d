#ifndef IDP_CZLIB_SHIM_H
#define IDP_CZLIB_SHIM_H
#include <zlib.h>
// deflateInit2 is a macro; Swift needs a function.
static inline int idp_deflate_init_gzip(z_stream *s, int level) {
    return deflateInit2(s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
static inline int idp_inflate_init_gzip(z_stream *s) { return inflateInit2(s, 15 + 16); }
#endif
