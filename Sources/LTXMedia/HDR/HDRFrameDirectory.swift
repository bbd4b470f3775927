#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--exr DIR`: the output's frames as `frame_000001.exr`..., one per input
/// frame, for grading. A frame from one piece is that piece's EXR file as
/// answered (colour space and precision kept); a frame where pieces overlap
/// is the crossfade, written half-float in the later piece's colour space.
final class HDRFrameDirectory {
    let path: String
    private(set) var written = 0
    private var encoder: EXRImageEncoder?

    init(path: String) throws(MediaError) {
        self.path = path
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw MediaError(kind: .output, path: path, message: "cannot make the folder: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes frame `i` (from 0); `picture` is its crossfade where pieces overlap.
    func write(frame i: Int, from frames: HDRPieceFrames, picture: LinearPicture) throws(MediaError) {
        let sources = frames.sources(of: i)
        let bytes: [UInt8]
        if sources.count == 1 {
            bytes = try frames.bytes(of: i, piece: sources[0].piece)
        } else {
            let space = frames.colorSpaces[sources[1].piece]
            let p = frames.asAnswered(picture)
            if encoder?.colorSpace != space {
                encoder = try EXRImageEncoder(width: p.width, height: p.height, colorSpace: space, from: .bt2020, path: path)
            }
            bytes = try encoder!.encode(EXRImageEncoder.pixel(of: p))
        }
        let file = path + "/" + EXRFrames.name(i + 1)
        guard let f = fopen(file, "wb") else {
            throw MediaError(kind: .output, path: file, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        defer { fclose(f) }
        guard fwrite(bytes, 1, bytes.count, f) == bytes.count, fflush(f) == 0 else {
            throw MediaError(kind: .output, path: file, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        written += 1
    }
}
