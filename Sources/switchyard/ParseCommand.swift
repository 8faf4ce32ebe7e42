import ArgumentParser

/// `switchyard parse`: Print what the gateway sees in a message.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Print what the gateway sees in a message.")

    func run() async throws {
        throw ValidationError("parse is not implemented yet")
    }
}
