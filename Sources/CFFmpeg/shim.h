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
#include <libavutil/crc.h>
#include <libavutil/mastering_display_metadata.h>

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

/// Rows in plane `plane` of a `height`-row picture: AV_CEIL_RSHIFT is a macro,
/// and the chroma planes' subsampling lives in the descriptor.
static inline int cffmpeg_plane_rows(int pix_fmt, int height, int plane) {
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get((enum AVPixelFormat)pix_fmt);
    if (!d) return 0;
    return (plane == 1 || plane == 2) ? AV_CEIL_RSHIFT(height, d->log2_chroma_h) : height;
}

/// A stream's display matrix (AV_PKT_DATA_DISPLAYMATRIX) and its size; NULL when it has none.
/// Since lavf 60.15 (FFmpeg 6.1; APIchanges misprints it "lavc") demuxers put stream side data
/// in codecpar->coded_side_data and av_stream_get_side_data() is deprecated (removed in 8.0);
/// before, that array does not exist and AVStream.side_data is the only place.
static inline const uint8_t *cffmpeg_stream_display_matrix(const AVStream *st, size_t *size) {
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
    const AVPacketSideData *sd = av_packet_side_data_get(st->codecpar->coded_side_data,
                                                         st->codecpar->nb_coded_side_data,
                                                         AV_PKT_DATA_DISPLAYMATRIX);
    *size = sd ? sd->size : 0;
    return sd ? sd->data : NULL;
#else
    return av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, size);
#endif
}

/// Rotation in degrees from a stream's display matrix side data (0 when none).
/// av_display_rotation_get() is counter-clockwise; this returns it as given.
static inline double cffmpeg_stream_rotation(const AVStream *st) {
    size_t size = 0;
    const uint8_t *m = cffmpeg_stream_display_matrix(st, &size);
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

/// Copies a stream's display matrix (rotation) to another stream, where the muxer of the same
/// FFmpeg reads it (see cffmpeg_stream_display_matrix). Since 6.1 that is `out`'s codecpar, so
/// this must come after whatever fills `out->codecpar` (avcodec_parameters_copy and
/// avcodec_parameters_from_context replace its side data); an existing matrix is replaced.
static inline void cffmpeg_copy_display_matrix(const AVStream *in, AVStream *out) {
    size_t size = 0;
    const uint8_t *m = cffmpeg_stream_display_matrix(in, &size);
    if (!m || size == 0) return;
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
    AVPacketSideData *sd = av_packet_side_data_new(&out->codecpar->coded_side_data,
                                                   &out->codecpar->nb_coded_side_data,
                                                   AV_PKT_DATA_DISPLAYMATRIX, size, 0);
    if (sd) memcpy(sd->data, m, size);
#else
    uint8_t *dst = av_stream_new_side_data(out, AV_PKT_DATA_DISPLAYMATRIX, size);
    if (dst) memcpy(dst, m, size);
#endif
}

/// Attaches HDR10 static metadata to a stream, where muxers read it (MP4/MOV write `mdcv` and
/// `clli` boxes from it): the mastering display (SMPTE ST 2086; `xy` holds red, green, blue and
/// white x,y in 1/50000, luminance in 1/10000 cd/m²) and the content light levels (CTA-861.3).
/// As with the display matrix (cffmpeg_copy_display_matrix), since lavf 60.15 (FFmpeg 6.1) that
/// is `st->codecpar`'s coded side data, so call this after the parameters are filled in; before,
/// av_stream_add_side_data(). Both take ownership of the data on success. Returns < 0 on failure.
static inline int cffmpeg_stream_add_hdr10(AVStream *st, const int xy[8], int min_luminance, int max_luminance,
                                           unsigned max_cll, unsigned max_fall) {
    size_t light_size = 0;
    AVMasteringDisplayMetadata *m = av_mastering_display_metadata_alloc();
    AVContentLightMetadata *c = av_content_light_metadata_alloc(&light_size);
    if (!m || !c) { av_free(m); av_free(c); return AVERROR(ENOMEM); }
    for (int i = 0; i < 3; i++) {
        m->display_primaries[i][0] = av_make_q(xy[2 * i], 50000);
        m->display_primaries[i][1] = av_make_q(xy[2 * i + 1], 50000);
    }
    m->white_point[0] = av_make_q(xy[6], 50000);
    m->white_point[1] = av_make_q(xy[7], 50000);
    m->min_luminance = av_make_q(min_luminance, 10000);
    m->max_luminance = av_make_q(max_luminance, 10000);
    m->has_primaries = 1;
    m->has_luminance = 1;
    c->MaxCLL = max_cll;
    c->MaxFALL = max_fall;
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
    if (!av_packet_side_data_add(&st->codecpar->coded_side_data, &st->codecpar->nb_coded_side_data,
                                 AV_PKT_DATA_MASTERING_DISPLAY_METADATA, m, sizeof(*m), 0)) {
        av_free(m); av_free(c); return AVERROR(ENOMEM);
    }
    if (!av_packet_side_data_add(&st->codecpar->coded_side_data, &st->codecpar->nb_coded_side_data,
                                 AV_PKT_DATA_CONTENT_LIGHT_LEVEL, c, light_size, 0)) {
        av_free(c); return AVERROR(ENOMEM);
    }
#else
    int rc = av_stream_add_side_data(st, AV_PKT_DATA_MASTERING_DISPLAY_METADATA, (uint8_t *)m, sizeof(*m));
    if (rc < 0) { av_free(m); av_free(c); return rc; }
    rc = av_stream_add_side_data(st, AV_PKT_DATA_CONTENT_LIGHT_LEVEL, (uint8_t *)c, light_size);
    if (rc < 0) { av_free(c); return rc; }
#endif
    return 0;
}

/// FF_PROFILE_* became AV_PROFILE_* (libavcodec/defs.h) in lavc 60.26 (FFmpeg 6.1); the old
/// names were removed in lavc 62 (FFmpeg 8.0). Same values under both names.
static inline int cffmpeg_profile_unknown(void) {
#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(60, 26, 100)
    return AV_PROFILE_UNKNOWN;
#else
    return FF_PROFILE_UNKNOWN;
#endif
}
static inline int cffmpeg_profile_aac_low(void) {
#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(60, 26, 100)
    return AV_PROFILE_AAC_LOW;
#else
    return FF_PROFILE_AAC_LOW;
#endif
}

/// av_parser_init() takes an int in FFmpeg 5.1 and 7.1 and an enum AVCodecID in 9.0 (lavc 63);
/// Swift converts neither into the other, C converts both.
static inline AVCodecParserContext *cffmpeg_parser_init(enum AVCodecID codec_id) {
    return av_parser_init(codec_id);
}

/// Makes the H.264 parser give AVCodecContext.framerate in frames, not fields, a second, as the
/// H.264 decoder does. Up to FFmpeg 6.0 the parser divides the SPS timing by the context's
/// ticks_per_frame, which the caller must set to 2; that field was deprecated in lavc 60
/// (FFmpeg 6.1, whose headers define FF_API_TICKS_PER_FRAME until lavc 62 removes both), and
/// since the deprecation the parser divides by 2 itself, so there is nothing left to set.
static inline void cffmpeg_h264_parser_counts_frames(AVCodecContext *ctx) {
#if LIBAVCODEC_VERSION_MAJOR <= 60 && !defined(FF_API_TICKS_PER_FRAME)
    ctx->ticks_per_frame = 2;
#else
    (void)ctx;
#endif
}

/// A scaler (SwsContext) under a type of our own: SwsContext is opaque up to FFmpeg 7.1 and a
/// public struct since 8.0 (lsws 9), which Swift imports as a different pointer type. Through
/// these, Swift sees the same OpaquePointer on every version. Bicubic, as before.
typedef struct CFFmpegScaler CFFmpegScaler;
static inline CFFmpegScaler *cffmpeg_scaler_new(int src_w, int src_h, enum AVPixelFormat src_format,
                                                int dst_w, int dst_h, enum AVPixelFormat dst_format) {
    return (CFFmpegScaler *)sws_getContext(src_w, src_h, src_format, dst_w, dst_h, dst_format,
                                           SWS_BICUBIC, NULL, NULL, NULL);
}
static inline void cffmpeg_scaler_free(CFFmpegScaler *scaler) {
    sws_freeContext((struct SwsContext *)scaler);
}
/// sws_scale() of a whole picture from `src`'s planes into `dst`'s (already allocated).
static inline int cffmpeg_scaler_scale(CFFmpegScaler *scaler, const AVFrame *src, AVFrame *dst) {
    return sws_scale((struct SwsContext *)scaler, (const uint8_t *const *)src->data, src->linesize,
                     0, src->height, dst->data, dst->linesize);
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
