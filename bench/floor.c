/* The start-up floor for make bench: a C program that links Debian's five FFmpeg libraries,
 * as ltx-prep does, and does nothing with them. Its run time is what any program that loads
 * FFmpeg pays (the dynamic loader mapping and binding the libraries they pull in, their static
 * initializers), so the start-up table shows how much of ltx-prep's and ffprobe's time is left
 * to either. One call into each library keeps it linked under --as-needed. */
#include <stdio.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

int main(void) {
    printf("%u %u %u %u %u\n", avformat_version(), avcodec_version(), avutil_version(),
           swscale_version(), swresample_version());
    return 0;
}
