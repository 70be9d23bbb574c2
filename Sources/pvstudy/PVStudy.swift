import ArgumentParser
import SignalStats

/// `pvstudy`: the command-line entry to SignalStats.
@main
struct PVStudy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pvstudy",
        abstract: "Drug-safety signal detection for a MID-NET-style hospital network.",
        discussion: """
            demo: generate the sample network, run SCCS, PS and SSA on it through a study file, print the estimates \
            beside the injected truth and write the report. run: run a study file (results.json, CSV tables, \
            report.html). check: validate a study file without loading data. \
            generate: write the sample network to disk. quality: load a network (CSV folder or SQLite file) and print \
            its data-quality report. validate: run the validation cases against published reference results.
            """,
        version: SignalStatsVersion.string,
        subcommands: [Demo.self, Run.self, Check.self, Generate.self, Quality.self, Validate.self]
    )
}
