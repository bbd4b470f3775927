import LTXMedia
FFmpegLog.set(.quiet)
for path in CommandLine.arguments.dropFirst() {
    do { print(try MediaProbe.probeBlocking(path)) } catch { print("ERR", error) }
}
