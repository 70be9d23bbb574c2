import ArgumentParser
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run validation cases.")
    func run() throws {}
}
