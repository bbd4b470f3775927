#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Errno {
    /// The calling thread's `errno`, read right after the failed call.
    static var current: Errno { Errno(rawValue: errno) }

    /// swift-system's calls throw untyped, though only ever an `Errno`: typed here once.
    public static func catching<T>(_ body: () throws -> T) throws(Errno) -> T {
        do { return try body() } catch let error as Errno { throw error } catch { throw Errno.ioError }
    }

    /// strerror(3)'s sentence, the one place it is made.
    public var message: String { description }
}
