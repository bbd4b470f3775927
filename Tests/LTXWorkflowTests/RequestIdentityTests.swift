import LTXMedia
import LTXPreflight
import Testing
@testable import LTXWorkflow

/// `RequestIdentity.sentPart`, pure: the lines of the fingerprint that say
/// which part of the input was sent, so that a rerun of the same call finds
/// its journal entry (and does not pay twice) and a different one does not.
/// Exact lines: a fingerprint journaled yesterday must match today's.
@Suite struct RequestIdentityTests {
    static func window(_ start: Double, _ duration: Double, exact: Bool = false, canvas: Canvas? = nil, cuts: Bool = true) -> FixOptions {
        FixOptions(window: EditWindow(span: TimeWindow(start: start, duration: duration), exact: exact, canvas: canvas, cuts: cuts))
    }

    /// The defaults add nothing: the fingerprints of plain calls stay as they were.
    @Test func theDefaultsAddNoLine() {
        #expect(RequestIdentity.sentPart(FixOptions()) == [])
        #expect(RequestIdentity.sentPart(FixOptions(crf: 18, preset: "medium")) == [])
    }

    @Test func aWindowCutFromTheClipIsNamedByItsSpanAndHowItIsCut() {
        #expect(RequestIdentity.sentPart(Self.window(12, 8)) == ["window=12.0+8.0"])
        #expect(RequestIdentity.sentPart(Self.window(12, 8, exact: true)) == ["window=12.0+8.0 exact"])
        #expect(RequestIdentity.sentPart(Self.window(12.5, 3.042)) == ["window=12.5+3.042"])
    }

    /// The same window, built twice, gives the same lines; another start, length or cut gives others.
    @Test func theSameWindowIsTheSameRequestAndAnotherIsNot() {
        #expect(RequestIdentity.sentPart(Self.window(12, 8)) == RequestIdentity.sentPart(Self.window(12, 8)))
        let others = [Self.window(12, 8, exact: true), Self.window(11, 8), Self.window(12, 9), Self.window(12, 8, canvas: Canvas(width: 1920, height: 1080))]
        for other in others {
            #expect(RequestIdentity.sentPart(other) != RequestIdentity.sentPart(Self.window(12, 8)))
        }
    }

    /// A window that is the whole clip sends what no window sends: no line (only its canvas, when padded).
    @Test func aWindowThatIsTheWholeClipAddsOnlyItsCanvas() {
        #expect(RequestIdentity.sentPart(Self.window(0, 10, cuts: false)) == [])
        #expect(RequestIdentity.sentPart(Self.window(0, 10, canvas: Canvas(width: 1080, height: 1920), cuts: false)) == ["canvas=1080x1920"])
    }

    @Test func theAudioPartAndTheEncoderAreEachALine() {
        #expect(RequestIdentity.sentPart(FixOptions(audioStart: 3.5)) == ["audio_start=3.5"])
        #expect(RequestIdentity.sentPart(FixOptions(crf: 20)) == ["encoder=crf 20 medium"])
        #expect(RequestIdentity.sentPart(FixOptions(preset: "slow")) == ["encoder=crf 18 slow"])
        var all = Self.window(12, 8, exact: true, canvas: Canvas(width: 1920, height: 1080))
        all.audioStart = 1
        all.crf = 23
        #expect(RequestIdentity.sentPart(all) == ["audio_start=1.0", "window=12.0+8.0 exact", "canvas=1920x1080", "encoder=crf 23 medium"])
    }
}
