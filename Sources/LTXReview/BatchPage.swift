import LTXFiles
import LTXMedia
import LTXWorkflow

/// `batch --review`: one row per item, in the batch's order, with what
/// became of it (the status `--report` gives), its cost, its time, a picture
/// of its output (or of its input when there is no output) and a link to its
/// own review; above them the totals the text report gives. A click on a
/// column's header sorts the rows by it (a few lines of script; without
/// them the page reads the same, in the batch's order).
public struct BatchPage: Sendable {
    public struct Row: Sendable, Equatable {
        public var index: Int
        /// `--report`'s status (`written`, `refused`...), also the row's colour.
        public var status: String
        public var command: String
        public var input: String?
        public var output: String?
        /// As the text line says it: `$0.40`, `price unknown`, or empty when nothing was priced.
        public var cost: String
        /// The cost as the sort reads it: dollars, or -1 with none.
        public var dollars: Double
        public var time: String
        public var seconds: Double
        public var message: String?
        public var picture: PagePicture?
        /// Why there is no picture, when there is none.
        public var pictureNote: String?
        /// The item's own review page (or its output, when it has none), relative to the batch's page.
        public var link: Link?
        /// Why the item has no review page of its own, when it should have one.
        public var reviewNote: String?

        public init(_ result: BatchResult, picture: Result<PagePicture, MediaError>?, link: Link?) {
            index = result.index
            status = result.status.rawValue
            command = result.command ?? ""
            input = result.input
            output = result.output
            cost = result.costText ?? ""
            dollars = result.estimatedDollars ?? -1
            seconds = result.seconds ?? 0
            time = result.seconds.map(Format.seconds) ?? ""
            message = result.message
            switch picture {
            case .success(let p)?: self.picture = p
            case .failure(let e)?: pictureNote = e.kind == .noStreams ? "no picture" : "no picture: \(e.message)"
            case nil: pictureNote = "no file to show"
            }
            self.link = link
        }
    }

    public struct Link: Sendable, Equatable {
        /// Percent-encoded, relative to the batch's page or absolute.
        public var href: String
        public var text: String

        public init(href: String, text: String) {
            self.href = href
            self.text = text
        }
    }

    public struct Count: Sendable, Equatable {
        public var status: String
        public var count: Int
    }

    public var title: String
    /// The text report's last line.
    public var summary: String
    /// Items per status, in the order `--report`'s statuses are declared; none with no item.
    public var counts: [Count]
    /// How long the whole batch took, and the sum of its items' own times.
    public var time: String
    public var rows: [Row]

    public init(rows: [Row], summary: String, seconds: Double) {
        self.rows = rows
        self.summary = summary
        title = "ltx-prep batch: \(rows.count) item\(rows.count == 1 ? "" : "s")"
        counts = BatchResult.Status.allCases.map { status in
            Count(status: status.rawValue, count: rows.filter { $0.status == status.rawValue }.count)
        }.filter { $0.count > 0 }
        time = "\(Format.seconds(seconds)) in all; the items' own times add up to \(Format.seconds(rows.map(\.seconds).reduce(0, +)))"
    }

    /// The longest side of a row's picture, in pixels.
    public static let pictureSide = 160

    /// The picture a row shows: its output one second in (or its last
    /// picture, when shorter), else its input's; nil when neither file is there.
    public static func picture(of result: BatchResult) async -> Result<PagePicture, MediaError>? {
        guard let path = [result.output, result.input].compactMap({ $0 }).first(where: OutputFile.exists) else { return nil }
        return await PagePicture.of(path, at: .seconds(1), maxSide: pictureSide)
    }

    public func html() -> String { Self.page.html(self) }

    /// Writes the page beside `path` and renames it into place.
    public func write(to path: String) throws(ReviewError) { try Self.page.write(self, to: path) }

    private static let page = ReviewPage(body: """
        <h1>{{title}}</h1>
        <p class="summary">{{summary}}</p>
        <ul class="counts">{{#counts}}<li class="{{status}}"><span class="status">{{status}}</span> <span class="count">{{count}}</span></li>{{/counts}}</ul>
        <p class="time">{{time}}</p>
        <table class="batch">
        <thead><tr><th data-sort="index">#</th><th>Picture</th><th data-sort="file">Item</th><th data-sort="status">Status</th><th data-sort="dollars">Cost</th><th data-sort="seconds">Time</th><th>Review</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr class="{{status}}" data-index="{{index}}" data-file="{{output}}{{^output}}{{input}}{{/output}}" data-status="{{status}}" data-dollars="{{dollars}}" data-seconds="{{seconds}}">
        <td class="index">{{index}}</td>
        <td class="picture">{{#picture}}<img src="{{src}}" width="{{width}}" height="{{height}}" alt="{{alt}}">{{/picture}}{{^picture}}<span class="none">{{pictureNote}}</span>{{/picture}}</td>
        <td class="item"><span class="command">{{command}}</span> <span class="file">{{output}}{{^output}}{{input}}{{/output}}</span>{{#input}}{{#output}}<div class="input">from <span class="file">{{input}}</span></div>{{/output}}{{/input}}{{#message}}<div class="message">{{message}}</div>{{/message}}</td>
        <td class="status">{{status}}</td>
        <td class="cost">{{cost}}</td>
        <td class="time">{{time}}</td>
        <td class="review">{{#link}}<a href="{{href}}">{{text}}</a>{{/link}}{{#reviewNote}}<div class="none">{{reviewNote}}</div>{{/reviewNote}}</td>
        </tr>
        {{/rows}}
        </tbody>
        </table>
        <script>
        // Sorting is an aid: the rows read the same without it, in the batch's order.
        document.querySelectorAll('th[data-sort]').forEach(function (th) {
          th.addEventListener('click', function () {
            var key = th.getAttribute('data-sort'), body = document.querySelector('table.batch tbody');
            var up = th.getAttribute('aria-sort') !== 'ascending';
            document.querySelectorAll('th[data-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
            var value = function (tr) { var v = tr.getAttribute('data-' + key), n = Number(v); return v !== '' && !isNaN(n) ? n : v; };
            Array.from(body.rows).sort(function (a, b) {
              var x = value(a), y = value(b), c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
              return (up ? c : -c) || a.getAttribute('data-index') - b.getAttribute('data-index');
            }).forEach(function (tr) { body.appendChild(tr); });
          });
        });
        </script>
        """, style: """
        th[data-sort] { cursor: pointer; white-space: nowrap; }
        td.status, td.cost, td.time { white-space: nowrap; }
        th[aria-sort=ascending]::after { content: " ▲"; }
        th[aria-sort=descending]::after { content: " ▼"; }
        ul.counts { list-style: none; padding: 0; display: flex; gap: 1em; }
        .counts .count { font-weight: 600; }
        .written td.status, .resumed td.status, .written .status, .resumed .status { color: #1a7f37; font-weight: 600; }
        .refused td.status, .failed td.status, .error td.status, .unusable td.status { color: #c62828; font-weight: 600; }
        .message { color: #555; }
        """)
}
