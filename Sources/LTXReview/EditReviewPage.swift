import LTXJournal
import LTXMedia

/// An edit's review as one self-contained page: the timeline of the whole
/// video (copied, re-encoded and answer runs, the sections asked for, the
/// windows sent), each seam's last frame before and first after in the
/// original and the output side by side with the sound around it, a few
/// frames from inside each section, the PSNR of each re-encoded run, both
/// files' facts, and the calls with their jobs, costs and journal entries.
public struct EditReviewPage: Sendable {
    public struct Bar: Sendable, Equatable {
        public var kind: String
        public var left: String
        public var width: String
        public var label: String
    }

    public struct Run: Sendable, Equatable {
        public var kind: String
        public var firstFrame: Int
        public var lastFrame: Int
        public var times: String
        public var psnr: String
    }

    public struct CallRow: Sendable, Equatable {
        public var number: Int
        public var sent: String
        public var billed: String
        public var section: String
        public var jobID: String
        public var cost: String
        public var journal: String
    }

    public struct Fact: Sendable, Equatable {
        public var name: String
        public var original: String
        public var output: String
        /// `differs` when the two values are not the same.
        public var differs: String
    }

    /// One frame of both files: the original's picture beside the output's.
    public struct Pair: Sendable, Equatable {
        public var label: String
        public var original: PagePicture?
        public var originalNote: String
        public var output: PagePicture?
        public var outputNote: String
    }

    /// A waveform strip as an inline SVG path, with the seam's place in it.
    public struct Sound: Sendable, Equatable {
        public var label: String
        public var path: String
        public var seamX: String
        public var gaps: String?
    }

    public struct Seam: Sendable, Equatable {
        public var title: String
        public var pairs: [Pair]
        public var sounds: [Sound]
        public var soundNote: String?
    }

    public struct Section: Sendable, Equatable {
        public var title: String
        public var pairs: [Pair]
    }

    public var title: String
    public var summary: String
    public var inferredNote: String?
    public var bars: [Bar]
    public var marks: [Bar]
    public var runs: [Run]
    public var calls: [CallRow]
    public var totalCost: String?
    public var facts: [Fact]
    public var seams: [Seam]
    public var sections: [Section]
    // Stored, not computed: the template reads properties by reflection.
    let hasCalls: Bool
    let hasSeams: Bool
    let hasSections: Bool

    init(title: String, summary: String, inferredNote: String?, bars: [Bar], marks: [Bar], runs: [Run], calls: [CallRow], totalCost: String?,
         facts: [Fact], seams: [Seam], sections: [Section]) {
        self.title = title
        self.summary = summary
        self.inferredNote = inferredNote
        self.bars = bars
        self.marks = marks
        self.runs = runs
        self.calls = calls
        self.totalCost = totalCost
        self.facts = facts
        self.seams = seams
        self.sections = sections
        hasCalls = !calls.isEmpty
        hasSeams = !seams.isEmpty
        hasSections = !sections.isEmpty
    }

    public func html() -> String { Self.page.html(self) }

    /// Writes the page beside `path` and renames it into place.
    public func write(to path: String) throws(ReviewError) { try Self.page.write(self, to: path) }

    /// The longest side of each picture, in pixels: large enough to judge a seam.
    public static let pictureSide = 480
    /// Seconds of sound drawn around each seam, and the strip's columns.
    public static let soundSpan = 1.0
    static let soundColumns = 480
    static let soundHeight = 60.0

    private static let page = ReviewPage(body: """
        <h1>{{title}}</h1>
        <p class="summary">{{summary}}</p>
        {{#inferredNote}}<p class="note">{{inferredNote}}</p>{{/inferredNote}}
        <h2>Timeline</h2>
        <div class="timeline" role="img" aria-label="the output's frames by source">
        {{#bars}}<div class="bar {{kind}}" style="left:{{left}}%;width:{{width}}%" title="{{label}}"></div>{{/bars}}
        </div>
        <div class="marks">
        {{#marks}}<div class="mark {{kind}}" style="left:{{left}}%;width:{{width}}%" title="{{label}}"><span>{{label}}</span></div>{{/marks}}
        </div>
        <p class="legend"><span class="key copied"></span> copied bit for bit <span class="key reencoded"></span> re-encoded <span class="key answer"></span> from the answer <span class="key section"></span> section asked for <span class="key window"></span> window sent</p>
        <table class="runs">
        <thead><tr><th>Source</th><th>Frames</th><th>Time</th><th>PSNR against the original</th></tr></thead>
        <tbody>
        {{#runs}}<tr class="run {{kind}}" data-first="{{firstFrame}}" data-last="{{lastFrame}}"><td>{{kind}}</td><td>{{firstFrame}}-{{lastFrame}}</td><td>{{times}}</td><td>{{psnr}}</td></tr>
        {{/runs}}
        </tbody>
        </table>
        {{#hasCalls}}
        <h2>Calls</h2>
        <table class="calls">
        <thead><tr><th>Call</th><th>Window sent</th><th>Billed</th><th>Section</th><th>Job id</th><th>Cost</th><th>Journal entry</th></tr></thead>
        <tbody>
        {{#calls}}<tr><td>{{number}}</td><td>{{sent}}</td><td>{{billed}}</td><td>{{section}}</td><td class="job">{{jobID}}</td><td class="cost">{{cost}}</td><td><code>{{journal}}</code></td></tr>
        {{/calls}}
        </tbody>
        </table>
        {{#totalCost}}<p class="total">Estimated cost: <span class="cost">{{totalCost}}</span></p>{{/totalCost}}
        {{/hasCalls}}
        {{#hasSeams}}<h2>Seams</h2>{{/hasSeams}}
        {{#seams}}
        <section class="seam">
        <h3>{{title}}</h3>
        <div class="pairs">{{#pairs}}{{> pair}}{{/pairs}}</div>
        <div class="sounds">{{#sounds}}<figure class="sound"><figcaption>{{label}}{{#gaps}} <span class="gap">{{gaps}}</span>{{/gaps}}</figcaption>
        <svg viewBox="0 0 480 60" width="480" height="60" role="img" aria-label="{{label}}"><rect width="480" height="60" class="wave-bg"/><path d="{{path}}" class="wave"/><line x1="{{seamX}}" x2="{{seamX}}" y1="0" y2="60" class="seam-line"/></svg></figure>
        {{/sounds}}</div>
        {{#soundNote}}<p class="none">{{soundNote}}</p>{{/soundNote}}
        </section>
        {{/seams}}
        {{#hasSections}}<h2>Inside the sections</h2>{{/hasSections}}
        {{#sections}}
        <section class="inside">
        <h3>{{title}}</h3>
        <div class="pairs">{{#pairs}}{{> pair}}{{/pairs}}</div>
        </section>
        {{/sections}}
        <h2>Files</h2>
        <table class="facts">
        <thead><tr><th></th><th>Original</th><th>Output</th></tr></thead>
        <tbody>
        {{#facts}}<tr class="{{differs}}"><th>{{name}}</th><td>{{original}}</td><td>{{output}}</td></tr>
        {{/facts}}
        </tbody>
        </table>
        """, partials: ["pair": """
        <div class="pair"><p class="pair-label">{{label}}</p><div class="sides">
        <figure>{{#original}}<img src="{{src}}" width="{{width}}" height="{{height}}" alt="{{alt}}">{{/original}}{{^original}}<span class="none">{{originalNote}}</span>{{/original}}<figcaption>original</figcaption></figure>
        <figure>{{#output}}<img src="{{src}}" width="{{width}}" height="{{height}}" alt="{{alt}}">{{/output}}{{^output}}<span class="none">{{outputNote}}</span>{{/output}}<figcaption>output</figcaption></figure>
        </div></div>
        """], style: """
        h2 { font-size: 1.15em; margin: 1.4em 0 .5em; }
        h3 { font-size: 1em; margin: 1em 0 .4em; }
        .note { color: #9a6700; }
        .timeline { position: relative; height: 28px; background: #eee; border: 1px solid #999; }
        .timeline .bar { position: absolute; top: 0; bottom: 0; }
        .marks { position: relative; height: 34px; margin-top: 2px; }
        .mark { position: absolute; height: 14px; box-sizing: border-box; font-size: 10px; overflow: hidden; white-space: nowrap; }
        .mark span { position: absolute; top: 0; left: 2px; }
        .mark.window { top: 0; border: 1px dashed #555; background: rgba(85,85,85,.08); }
        .mark.section { top: 17px; background: rgba(214,51,132,.35); border: 1px solid #d63384; }
        .copied { background: #8fbcbb; } .reencoded { background: #ebcb8b; } .answer { background: #d08770; }
        tr.copied, tr.reencoded, tr.answer { background: none; }
        tr.run td:first-child { border-left: 8px solid #8fbcbb; }
        tr.reencoded td:first-child { border-left-color: #ebcb8b; } tr.answer td:first-child { border-left-color: #d08770; }
        .key { display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin-left: 1em; }
        .key.section { background: rgba(214,51,132,.35); } .key.window { border: 1px dashed #555; }
        .facts tr.differs td { color: #c62828; font-weight: 600; }
        .facts tr.differs td:last-child::after { content: " (differs)"; font-weight: 400; }
        .pairs, .sounds { display: flex; gap: 0 2.5em; flex-wrap: wrap; }
        .sides { display: flex; gap: .6em; flex-wrap: wrap; }
        /* A small video's frames drawn larger, pixels kept sharp, so a seam can be judged. */
        .sides img { min-width: 240px; image-rendering: pixelated; }
        figure { margin: 0 0 .6em; }
        figcaption { font-size: 12px; color: #555; }
        .pair-label { margin: .4em 0 .2em; font-weight: 600; }
        .wave-bg { fill: #f7f7f7; } .wave { stroke: #2e5e8c; stroke-width: 1; fill: none; } .seam-line { stroke: #c62828; stroke-width: 1; }
        .gap { color: #c62828; }
        """)
}
