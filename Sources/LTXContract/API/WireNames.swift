// Short names for the generated wire types (Generated/Types.swift), which
// keep the OpenAPI document's own schema names.

/// `POST /v1/retake`'s body (the document's `EditVideoRequest`).
public typealias RetakeRequest = Components.Schemas.EditVideoRequest
/// `POST /v1/ltx-retake-video`'s body (Segmind).
public typealias SegmindRetakeRequest = Components.Schemas.SegmindRetakeRequest
public typealias TextToVideoRequest = Components.Schemas.TextToVideoRequest
public typealias ImageToVideoRequest = Components.Schemas.ImageToVideoRequest
public typealias AudioToVideoRequest = Components.Schemas.AudioToVideoRequest
/// `POST /v2/extend`'s body.
public typealias ExtendRequest = Components.Schemas.ExtendRequest
/// `POST /v2/video-to-video-reframe`'s body.
public typealias ReframeRequest = Components.Schemas.ReframeRequest
/// `POST /v2/video-to-video-hdr`'s body.
public typealias HDRRequest = Components.Schemas.HDRRequest
/// HDR's `output_colorspace`: the colour space of the EXR frames (`Catalogue.HDR.colorSpaces`).
public typealias HDROutputColorSpace = Components.Schemas.HDRRequest.OutputColorspacePayload
/// reframe's output sizes (`"1080x1920"`...): `Catalogue.Reframe.sizes` by aspect.
public typealias ReframeSize = Components.Schemas.ReframeRequest.ResolutionPayload
/// `POST /v1/upload`'s answer: where to PUT the file, and its `ltx://` URI.
public typealias UploadTicket = Components.Schemas.UploadResponse
public typealias RetakeMode = Components.Schemas.RetakeMode
/// Retake's `resolution`: 1920x1080 or 1080x1920 (default: by the input's orientation).
public typealias RetakeResolution = Components.Schemas.EditVideoRequest.ResolutionPayload
public typealias CameraMotion = Components.Schemas.CameraMotion
/// An async (v2) job as `GET /v2/{endpoint}/{id}` reports it.
public typealias Job = Components.Schemas.Job
public typealias JobStatus = Components.Schemas.JobStatus
