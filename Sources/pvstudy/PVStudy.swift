import ArgumentParser
import SignalStats

/// `pvstudy`: the command-line entry to SignalStats.
@main
struct PVStudy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pvstudy",
        abstract: "Drug-safety signal detection for a MID-NET-style hospital network.",
        discussion: """
            Runs the library's validation cases against published reference results, and (as the library grows) \
            generates the sample network, checks data quality and runs studies.
            """,
        version: SignalStatsVersion.string,
        subcommands: [Demo.self, Generate.self, Quality.self, Validate.self]
    )
}
