import AsyncHTTPClient
import LTXSystem
import NIOCore
import NIOPosix
import OpenAPIRuntime

/// Every call's retries, by `RetryStateMachine`, and what a thrown error means for them.
extension LTXAPIClient {
    /// A 2xx the contract does not describe.
    struct UnexpectedAnswer: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `attempt` until it succeeds or `RetryStateMachine` says stop; a
    /// failure names `stage` (`label` is for the log), and each retry is told
    /// to `onRetry` as going to `target` before its wait.
    func withRetries<T: Sendable>(_ stage: CallStage, _ label: String, target: String, paid: Bool = false,
                                          _ attempt: @escaping @Sendable () async throws -> T) async throws(ClientError) -> (T, Int) {
        var machine = RetryStateMachine(policy: configuration.retry)
        let clock = ContinuousClock()
        let started = clock.now
        while true {
            if Task.isCancelled { throw .cancelled }
            if paid {
                do { try await rateGate.wait(sleep: sleep) } catch { throw .cancelled }
            }
            logger.debug("\(label) (attempt \(machine.attempts + 1))")
            let outcome: RetryStateMachine.Outcome
            let failure: ClientError
            let neverConnected: Bool
            do {
                return (try await attempt(), machine.attempts + 1)
            } catch {
                neverConnected = Self.failedBeforeSending(error)
                switch Self.classify(error, attempts: machine.attempts + 1) {
                case .final(let e): throw e.at(stage)
                case .retryable(.connectionFailed, let e) where paid && !neverConnected:
                    // The request may have reached the API: sending it again could pay twice.
                    throw e.at(stage)
                case .retryable(.status(let code, _), let e) where paid && (code == 502 || code == 504):
                    // A gateway's error, not the API's: the request may have reached
                    // the API behind it and started a paid job. The API's own
                    // transient answers (429, 500, 503, 529) accepted nothing.
                    throw e.at(stage)
                case .retryable(let o, let e): (outcome, failure) = (o, e)
                }
            }
            logger.debug("\(label): \(failure)")
            switch machine.next(after: outcome, elapsed: clock.now - started, random: Double.random(in: 0..<1)) {
            case .done: continue
            case .fail: throw failure.at(stage)
            case .retry(let delay):
                if case .status(429, _) = outcome { rateGate.hold(for: delay) }
                logger.info("\(label): \(failure); retrying in \(delay)")
                onRetry(RetryNotice(stage: stage, target: target, connecting: neverConnected, reason: Self.reason(failure),
                                    delay: delay, nextAttempt: machine.attempts + 1, maxAttempts: machine.policy.maxAttempts))
                do { try await sleep(delay) } catch { throw .cancelled }
            }
        }
    }

    /// A retried failure in a few words, for its retry line: the API's
    /// error, or what the connection met ("connection refused").
    static func reason(_ failure: ClientError) -> String {
        switch failure {
        case .api(let e, _, _): e.description
        case .connection(let why, _, _): why
        case .droppedDownload: "the transfer was cut"
        default: failure.description
        }
    }

    /// What a failed connection met, shortly: the system's word for a refusal
    /// or an unreachable network, a time-out, a name that did not resolve.
    /// Anything else as Swift describes it.
    static func connectionReason(_ error: any Error) -> String {
        switch error {
        case let e as OpenAPIRuntime.ClientError: return connectionReason(e.underlyingError)
        case let e as NIOConnectionError:
            if let io = e.connectionErrors.last?.error as? IOError { return Errno(rawValue: io.errnoCode).message.lowercased() }
            if let dns = e.dnsAError ?? e.dnsAAAAError { return "\(e.host) did not resolve (\(dns))" }
            if let other = e.connectionErrors.last?.error { return connectionReason(other) }
            return String(describing: e)
        case let e as IOError: return Errno(rawValue: e.errnoCode).message.lowercased()
        case let e as HTTPClientError where e == .connectTimeout:
            return "no connection within \(RetryNotice.seconds(connectTimeout))"
        case let e as ChannelError:
            if case .connectTimeout = e { return "no connection within \(RetryNotice.seconds(connectTimeout))" }
            return String(describing: e)
        default: return String(describing: error)
        }
    }

    /// True when the connection never opened, so nothing was sent.
    static func failedBeforeSending(_ error: any Error) -> Bool {
        switch error {
        case let e as OpenAPIRuntime.ClientError: return failedBeforeSending(e.underlyingError)
        case is NIOConnectionError: return true
        // A host given as an IP address is dialled without Happy Eyeballs, so
        // its refusal comes bare; these errnos come from connect() alone.
        case let e as IOError: return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(e.errnoCode)
        case let e as HTTPClientError: return e == .connectTimeout
        case let e as ChannelError: if case .connectTimeout = e { return true } else { return false }
        default: return false
        }
    }

    enum Classified {
        case final(ClientError)
        case retryable(RetryStateMachine.Outcome, ClientError)
    }

    /// What a thrown error means for the retry policy.
    static func classify(_ error: any Error, attempts: Int) -> Classified {
        // A transfer a signal stopped may end in any error: it is the signal's.
        if Task.isCancelled && !(error is ClientError) { return .final(.cancelled) }
        switch error {
        case let e as ClientError: return .final(e)
        case let e as OpenAPIRuntime.ClientError:
            // The generated client wraps what the transport and middlewares throw.
            return classify(e.underlyingError, attempts: attempts)
        case let e as APIStatusError:
            return .retryable(.status(e.error.status, retryAfter: e.retryAfter), .api(e.error, attempts: attempts))
        case let e as DownloadDropped: return .final(.droppedDownload(received: e.received, expected: e.expected))
        case let e as ResultTransferCut:
            return .retryable(.connectionFailed, .droppedDownload(received: e.dropped.received, expected: e.dropped.expected))
        case let e as ResultWriteFailed: return .final(.writeFailed(path: e.path, errno: e.errno, reason: e.reason))  // the disk, not the network: no retry
        case let e as SourceFileError: return .final(.file(e.description))  // the file changed or failed: no retry
        case let e as UnexpectedAnswer: return .final(.unexpectedAnswer(e.description))
        case is DecodingError: return .final(.unexpectedAnswer("the answer is not the JSON the contract describes"))
        case is CancellationError: return .final(.cancelled)
        default:
            if Task.isCancelled { return .final(.cancelled) }
            return .retryable(.connectionFailed, .connection(connectionReason(error), attempts: attempts))
        }
    }
}
