import LTXFiles
import Mustache

/// One self-contained HTML page for a person to look at: a shell (title,
/// inline style, no script, nothing fetched from the network) around a body
/// template of the page's kind. swift-mustache escapes every `{{value}}`
/// (`<`, `>`, `&`, quotes), so a file named `<b>clip</b>.mp4` shows as written.
public struct ReviewPage: Sendable {
    private let library: MustacheLibrary

    /// `body` is a Mustache template, rendered inside the shell with the same
    /// content; it may name `partials`; `style` is CSS added to the shell's.
    init(body: String, partials: [String: String] = [:], style: String = "") {
        var library = MustacheLibrary()
        // The templates are constants of this module: one that does not parse is a bug, found by any test.
        do {
            library.register(try MustacheTemplate(string: Self.shell), named: "page")
            library.register(try MustacheTemplate(string: body), named: "body")
            library.register(try MustacheTemplate(string: style), named: "style")
            for (name, template) in partials { library.register(try MustacheTemplate(string: template), named: name) }
        } catch {
            fatalError("review page template: \(error)")
        }
        self.library = library
    }

    /// The page for `content`, whose properties the templates name (it must have `title`).
    func html(_ content: Any) -> String {
        library.render(content, withTemplate: "page") ?? ""
    }

    /// Writes the page beside `path` and renames it into place.
    func write(_ content: Any, to path: String) throws(ReviewError) {
        do { try OutputFile.writeText(html(content), to: path) } catch { throw .cannotWrite(path: path, reason: error.message) }
    }

    private static let shell = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="ltx-prep">
        <title>{{title}}</title>
        <style>
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; background: #fff; }
        h1 { font-size: 1.4em; margin: 0 0 .3em; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #ddd; padding: .5em; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; }
        img { display: block; max-width: 100%; height: auto; background: #000; }
        code, pre { font: 12px/1.35 ui-monospace, monospace; }
        pre { margin: 0; white-space: pre-wrap; }
        .accepted .verdict { color: #1a7f37; font-weight: 600; }
        .rejected .verdict, .unreadable .verdict { color: #c62828; font-weight: 600; }
        .rule { margin-bottom: .3em; }
        .rule .tag { font-weight: 600; }
        .error .tag { color: #c62828; }
        .warning .tag { color: #9a6700; }
        .none { color: #777; font-style: italic; }
        {{> style}}
        </style>
        </head>
        <body>
        {{> body}}
        </body>
        </html>

        """
}
