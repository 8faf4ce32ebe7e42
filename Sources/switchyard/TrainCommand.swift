import ArgumentParser

/// `switchyard train`: Train an intent model.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Train an intent model.")

    func run() async throws {
        throw ValidationError("train is not implemented yet")
    }
}
