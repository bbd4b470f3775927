import LTXSystem

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
        do { try LocalFiles.makeFolder(path) } catch where error != .fileExists {
            throw MediaError(kind: .output, path: path, message: "cannot make the folder: \(error.message)")
        } catch {}
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
        do { try LocalFiles.write(bytes, to: file) } catch {
            throw MediaError(kind: .output, path: file, message: "cannot write: \(error.message)")
        }
        written += 1
    }
}
