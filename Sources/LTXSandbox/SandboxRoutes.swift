import Hummingbird
import NIOCore

extension Sandbox {
    /// Outside the contract: the signed upload URL and the stored results, on
    /// the storage's side, and what was paid for, for tests that count it.
    static func addRoutesBesideTheContract(to router: Router<BasicRequestContext>, configuration: SandboxConfiguration, state: SandboxState,
                                           storage: UploadStorage, jobs: AsyncJobs) {
        router.put("/storage/{id}") { request, context in await storage.store(request, id: context.parameters.get("id") ?? "") }
        router.get("/results/{id}/video") { _, context -> Response in
            // An HDR job's HLG video, beside its EXR frames.
            guard let zip = await jobs.resultPath(context.parameters.get("id") ?? ""), zip.hasSuffix(".zip") else {
                return APIErrorResponse.make(.notFound, "not_found_error", "No such result")
            }
            let body = ResultStream.body(Producers.hdrVideo(of: zip), dropAfter: nil, bytesPerSecond: nil, deleteAfterwards: false)
            let length: Int? = if case .known(let n) = body.length { Int(n) } else { nil }
            return Response(status: .ok, headers: [.contentType: "video/mp4"], body: ResponseBody(contentLength: length) { writer in
                for try await chunk in body { try await writer.write(ByteBuffer(bytes: chunk)) }
                try await writer.finish(nil)
            })
        }
        router.get("/results/{id}") { _, context -> Response in
            if let status = await state.nextResultFault() {
                let f = SandboxFailure.fault(status, retryAfter: configuration.retryAfter)
                return APIErrorResponse.make(.init(code: f.status), f.type, f.message)
            }
            guard let path = await jobs.resultPath(context.parameters.get("id") ?? "") else {
                return APIErrorResponse.make(.notFound, "not_found_error", "No such result")
            }
            let body = ResultStream.body(path, dropAfter: configuration.dropAfterBytes, bytesPerSecond: configuration.resultBytesPerSecond,
                                         deleteAfterwards: false)
            let length: Int? = if case .known(let n) = body.length { Int(n) } else { nil }
            // An HDR job's answer is a ZIP of EXR frames; every other answer an MP4.
            let type = path.hasSuffix(".zip") ? "application/zip" : "video/mp4"
            return Response(status: .ok, headers: [.contentType: type], body: ResponseBody(contentLength: length) { writer in
                for try await chunk in body { try await writer.write(ByteBuffer(bytes: chunk)) }
                try await writer.finish(nil)
            })
        }
        // What was paid for, for tests that count it (not part of the API).
        router.get("/sandbox/stats") { _, _ -> Response in
            let body = #"{"accepted_jobs":\#(await state.acceptedJobs),"sync_generations":\#(await state.syncGenerations),"upload_tickets":\#(await state.uploadTickets),"generation_requests":\#(await state.generationRequests)}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
    }
}
