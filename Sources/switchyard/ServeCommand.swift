import ArgumentParser

/// `switchyard serve --config FILE`: run the gateway.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the gateway.")

    @Option(name: .long, help: "YAML configuration file.")
    var config: String

    func run() async throws {
        throw ValidationError("serve is not wired up yet (issue 2 in progress)")
    }
}
