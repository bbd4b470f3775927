/// One kept stream of a transcode. The session hands each lane the packets
/// of its input stream in read order; the lane writes what falls inside the
/// window to its own output stream.
protocol Lane: AnyObject {
    /// The input stream whose packets the lane takes.
    var inIndex: Int { get }
    /// True once nothing more of the window can come: the session stops
    /// reading when every lane is done.
    var isDone: Bool { get }
    /// Pictures written, or packets for a copied stream, for progress.
    var framesWritten: Int { get }
    /// How far the output's timeline is written, in seconds, for progress.
    var secondsDone: Double { get }
    /// The window on the input's timeline, in seconds: the output starts at
    /// `seconds` and ends at `windowEnd`. Called once, before the first packet.
    func setOrigin(_ seconds: Double, windowEnd: Double)
    func take(_ packet: borrowing Packet, output: OutputContext) throws(MediaError)
    /// Writes whatever the lane still holds; called once, after the last packet.
    func finish(output: OutputContext) throws(MediaError)
}
