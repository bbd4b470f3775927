import LTXMedia
import LTXPreflight

/// `check --html`: one row per file with its picture, the verdict, the rules
/// that do not pass (as `check` words them) and the plan `fix` would run.
public struct CheckPage: Sendable {
    public struct Rule: Sendable, Equatable {
        /// `error` or `warning`, for the page's colours.
        public var severity: String
        public var tag: String
        public var rule: String
        /// `actual; required: ...; fix: ...`, the words of `check`'s line.
        public var detail: String
    }

    public struct Row: Sendable, Equatable {
        public var file: String
        /// `accepted`, `rejected` or `unreadable`, for the page's colours.
        public var status: String
        public var verdict: String
        public var rules: [Rule]
        /// What `fix --plan` prints, or why it has no plan.
        public var plan: String?
        public var picture: PagePicture?
        /// Why there is no picture, when there is none.
        public var pictureNote: String?
        /// The line `check` prints for a file it cannot read.
        public var error: String?

        /// A file that was checked; `picture` is its thumbnail or why it has none.
        public init(_ report: CheckReport, plan: String, picture: Result<PagePicture, MediaError>) {
            file = report.file
            status = report.conformant ? "accepted" : "rejected"
            verdict = report.verdictText()
            rules = report.problems.map { Rule(severity: $0.severity.rawValue, tag: $0.severity.tag, rule: $0.rule.rawValue, detail: $0.detailText) }
            self.plan = plan
            switch picture {
            case .success(let p): self.picture = p
            case .failure(let e): pictureNote = e.kind == .noStreams ? "no picture" : "no picture: \(e.message)"
            }
        }

        /// A file that could not be read: `error` is the line `check` prints for it.
        public init(file: String, error: String) {
            self.file = file
            status = "unreadable"
            verdict = "CANNOT BE READ"
            rules = []
            self.error = error
            pictureNote = "no picture"
        }
    }

    public var title: String
    public var summary: String
    public var rows: [Row]

    public init(rows: [Row]) {
        self.rows = rows
        title = "ltx-prep check: \(rows.count) file\(rows.count == 1 ? "" : "s")"
        let count = { (status: String) in rows.filter { $0.status == status }.count }
        summary = "\(count("accepted")) accepted, \(count("rejected")) not accepted, \(count("unreadable")) cannot be read"
    }

    /// The rows of `check`'s results, in order: `plan` says what `fix --plan`
    /// prints for a report; the pictures are made `concurrency` at a time.
    public static func rows(_ files: [String], _ results: [Result<CheckReport, MediaError>], concurrency: Int,
                            plan: @escaping @Sendable (CheckReport) -> String) async -> [Row] {
        await Concurrently.map(Array(zip(files, results)), limit: concurrency) { file, result in
            switch result {
            case .success(let report): Row(report, plan: plan(report), picture: await picture(of: report))
            case .failure(let error): Row(file: file, error: error.description)
            }
        }
    }

    /// The longest side of a row's picture, in pixels.
    public static let pictureSide = 240

    /// The thumbnail a row shows: a video's picture one second in (or half
    /// way, when shorter), an image's only picture; off the cooperative pool.
    public static func picture(of report: CheckReport) async -> Result<PagePicture, MediaError> {
        guard report.media.primaryVideo != nil else {
            return .failure(MediaError(kind: .noStreams, path: report.file, message: "no picture to show"))
        }
        let moment: Thumbnail.Moment = report.media.kind == .image ? .frame(0) : .seconds(min(1, (report.media.duration ?? 0) / 2))
        return await PagePicture.of(report.file, at: moment, maxSide: pictureSide)
    }

    public func html() -> String { Self.page.html(self) }

    /// Writes the page beside `path` and renames it into place.
    public func write(to path: String) throws(ReviewError) { try Self.page.write(self, to: path) }

    private static let page = ReviewPage(body: """
        <h1>{{title}}</h1>
        <p class="summary">{{summary}}</p>
        <table>
        <thead><tr><th>Picture</th><th>File</th><th>Verdict</th><th>Rules that do not pass</th><th>What <code>ltx-prep fix</code> would do</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr class="{{status}}">
        <td class="picture">{{#picture}}<img src="{{src}}" width="{{width}}" height="{{height}}" alt="{{alt}}">{{/picture}}{{^picture}}<span class="none">{{pictureNote}}</span>{{/picture}}</td>
        <td class="file">{{file}}</td>
        <td class="verdict">{{verdict}}</td>
        <td class="rules">{{#rules}}<div class="rule {{severity}}"><span class="tag">{{tag}}</span> <code>{{rule}}</code> {{detail}}</div>{{/rules}}{{#error}}<div class="error-line">{{error}}</div>{{/error}}</td>
        <td class="plan">{{#plan}}<pre>{{plan}}</pre>{{/plan}}</td>
        </tr>
        {{/rows}}
        </tbody>
        </table>
        """)
}
