import ArgumentParser

/// `switchyard eval`: Evaluate an intent model.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Evaluate an intent model.")

    func run() async throws {
        throw ValidationError("eval is not implemented yet")
    }
}
