#ifndef CFFMPEG_SHIM_H
#define CFFMPEG_SHIM_H

// The one place ltx-prep sees FFmpeg's headers. Function-like macros and
// compound-literal constants cannot be imported by Swift, so each one gets a
// tiny prefixed inline helper here (as swift-nio's CNIOLinux does).

#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/error.h>
#include <libavutil/time.h>
#include <libavutil/pixdesc.h>
#include <libavutil/channel_layout.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/opt.h>
#include <libavutil/imgutils.h>
#include <libavutil/sha.h>

static inline int cffmpeg_averror(int posix_errno) { return AVERROR(posix_errno); }
static inline int cffmpeg_averror_eof(void) { return AVERROR_EOF; }
static inline int cffmpeg_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int cffmpeg_averror_exit(void) { return AVERROR_EXIT; }
static inline int cffmpeg_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
static inline int cffmpeg_averror_stream_not_found(void) { return AVERROR_STREAM_NOT_FOUND; }
static inline int64_t cffmpeg_nopts_value(void) { return AV_NOPTS_VALUE; }

/// av_err2str() builds its buffer with a compound literal; this is the same
/// thing with a caller-owned buffer.
static inline const char *cffmpeg_err2str(int errnum, char *buf, size_t size) {
    av_strerror(errnum, buf, size);
    return buf;
}

/// AVIndexEntry packs flags and size into bitfields; read them here so Swift
/// never depends on how the importer lays bitfields out.
static inline int cffmpeg_index_entry_flags(const AVIndexEntry *e) { return e->flags; }
static inline int64_t cffmpeg_index_entry_timestamp(const AVIndexEntry *e) { return e->timestamp; }
/// Byte offset just past the sample an index entry points at.
static inline int64_t cffmpeg_index_entry_end(const AVIndexEntry *e) { return e->pos + e->size; }

/// Bit depth of a pixel format's first component (0 when unknown).
static inline int cffmpeg_pix_fmt_depth(int pix_fmt) {
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get((enum AVPixelFormat)pix_fmt);
    return d ? d->comp[0].depth : 0;
}

/// Rotation in degrees from a stream's display matrix side data (0 when none).
/// av_display_rotation_get() is counter-clockwise; this returns it as given.
static inline double cffmpeg_stream_rotation(const AVStream *st) {
    size_t size = 0;
    const uint8_t *m = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (!m || size < 9 * sizeof(int32_t)) return 0;
    double r = av_display_rotation_get((const int32_t *)m);
    return r != r ? 0 : r; // NaN for a degenerate matrix
}

/// Interrupt callback: opaque points at a deadline in av_gettime_relative()
/// microseconds. Keeps a pathological file from hanging a probe.
static inline int cffmpeg_deadline_interrupt(void *opaque) {
    const int64_t *deadline = (const int64_t *)opaque;
    return deadline && *deadline > 0 && av_gettime_relative() > *deadline;
}
static inline void cffmpeg_install_deadline(AVFormatContext *ctx, int64_t *deadline) {
    ctx->interrupt_callback.callback = cffmpeg_deadline_interrupt;
    ctx->interrupt_callback.opaque = deadline;
}

/// Copies a stream's display matrix (rotation) to another stream.
static inline void cffmpeg_copy_display_matrix(const AVStream *in, AVStream *out) {
    size_t size = 0;
    const uint8_t *m = av_stream_get_side_data(in, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (!m || size == 0) return;
    uint8_t *dst = av_stream_new_side_data(out, AV_PKT_DATA_DISPLAYMATRIX, size);
    if (dst) memcpy(dst, m, size);
}

/// AVFormatContext.pb of an output context opened on a file path.
static inline int cffmpeg_open_output_io(AVFormatContext *ctx, const char *path) {
    if (ctx->oformat->flags & AVFMT_NOFILE) return 0;
    return avio_open(&ctx->pb, path, AVIO_FLAG_WRITE);
}
static inline void cffmpeg_close_output_io(AVFormatContext *ctx) {
    if (!(ctx->oformat->flags & AVFMT_NOFILE)) avio_closep(&ctx->pb);
}
static inline int cffmpeg_needs_global_header(const AVFormatContext *ctx) {
    return (ctx->oformat->flags & AVFMT_GLOBALHEADER) != 0;
}

#endif
