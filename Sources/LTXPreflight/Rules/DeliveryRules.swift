import LTXMedia

/// The size limit of the chosen way of sending the file.
enum DeliveryRules {
    static func evaluate(_ m: MediaInfo, kind: MediaInfo.Kind, delivery: Delivery, maxBytes: Int64? = nil) -> Finding {
        let limit = delivery.limit(for: kind, atMost: maxBytes)
        let counted = limit.encoded ? Delivery.dataURILength(fileSize: m.sizeBytes, mimeType: m.container.mimeType) : m.sizeBytes
        let required = "at most \(Format.bytes(limit.bytes))" + (limit.encoded ? " as base64" : "") + " for \(delivery.rawValue)"
            + (limit.bytes < delivery.limit(for: kind).bytes ? " (the limit asked for; \(delivery.rawValue) allows \(Format.bytes(delivery.limit(for: kind).bytes)))" : "")
        let actual = Format.bytes(counted) + (limit.encoded ? " as base64 (file \(Format.bytes(m.sizeBytes)))" : "")
        if counted <= limit.bytes { return .pass(.deliverySize, actual: actual, required: required) }
        // Switching to the upload route loses nothing; recompressing loses quality.
        if delivery != .upload && m.sizeBytes <= Delivery.upload.limit(for: kind, atMost: maxBytes).bytes {
            return Finding(rule: .deliverySize, severity: .error, actual: actual, required: required,
                           fix: "deliver by upload (200 MB limit, images 15 MB) instead, or recompress", fixAction: .changeRequest)
        }
        return Finding(rule: .deliverySize, severity: .error, actual: actual, required: required,
                       fix: "recompress to fit", fixAction: .recompress)
    }
}
