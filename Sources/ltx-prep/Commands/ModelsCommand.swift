import ArgumentParser
import LTXContract
import LTXWorkflow

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "What each endpoint of the LTX API accepts now: models, defaults, the matrix, prices.",
        discussion: """
            Prints the catalogue the checks, the estimates and the sandbox follow
            (dated \(Catalogue.date)): each endpoint's models and default, the models
            removed with their date and replacement, the text/image-to-video matrix and
            the prices per second, each what an estimate of one second charges ("?"
            where no price is published, "-" for a size the endpoint does not make).
            Nothing is sent.

            --json prints one object: date, endpoints (name, route, models,
            default_model, model_required, ltx_prep_default, price_basis, prices as
            model (none for reframe, which takes no model) -> tier -> dollars or null,
            a size not made absent), models, removed_models, tiers, matrix,
            default_fps, undocumented_durations, automatic_duration_models, sync_retired.

            Exit status: 0.
            """
    )

    @Flag(help: "One JSON object instead of text.") var json = false

    func run() {
        let report = CatalogueReport()
        Console.out(json ? JSONOutput.line(report) : report.text)
    }
}
