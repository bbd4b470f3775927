/// The step of a call that failed, named first in its error line, so the
/// line alone says whether the upload, the generation or the download broke.
public enum CallStage: String, Sendable, CaseIterable {
    /// `POST /v1/upload`: the ticket with the signed URL.
    case uploadURL = "getting the upload URL"
    /// The `PUT` of the file to the signed URL (the storage's host).
    case uploadPUT = "the upload's PUT"
    /// The paid request: v1, or the v2 submission.
    case generation = "the generation call"
    /// `GET /v2/{endpoint}/{id}`.
    case polling = "polling the job"
    /// The result, from the URL the API named.
    case download = "the result's download"
}
