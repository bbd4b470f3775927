import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// `Expect: 100-continue` (RFC 9110 §10.1.1), on the connection: a request
/// whose declared length its route takes is told `100 Continue` at once,
/// so the client sends the body without waiting; one over the limit is not,
/// and its answer (the handler's 413, written before any body is read) closes
/// the connection, since the body it declared will never come. Without this
/// the server would wait for that body and the client for a 100 that never
/// comes.
final class ExpectContinueHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The most body bytes the route of `path` takes.
    private let limit: @Sendable (_ path: String) -> Int
    private var closeAfterAnswer = false

    init(limit: @escaping @Sendable (_ path: String) -> Int) {
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data),
           head.headerFields[.expect]?.lowercased() == "100-continue" {
            let declared = head.headerFields[.contentLength].flatMap(Int.init) ?? 0
            if declared > limit(head.path ?? "/") {
                closeAfterAnswer = true
            } else {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard closeAfterAnswer else { return context.write(data, promise: promise) }
        switch unwrapOutboundIn(data) {
        case .head(var response) where response.status.kind != .informational:
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end:
            closeAfterAnswer = false
            context.writeAndFlush(data, promise: promise)
            context.close(promise: nil)
        default:
            context.write(data, promise: promise)
        }
    }
}
