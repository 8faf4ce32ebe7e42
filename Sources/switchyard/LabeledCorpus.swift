import SwitchyardIntent
import SwitchyardMIME

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Loads labelled examples for `train` and `eval`: a CSV file (text, label) or a corpus directory
/// with one sub-folder per label holding `.eml` files or a Maildir (`cur/`, `new/`). Messages are
/// parsed with the MIME stage; the example is the base subject and the new text (quoted replies
/// and signature left out), which is what the gateway classifies.
enum LabeledCorpus {
    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    static func load(csv: String?, corpus: String?) throws -> [LabeledExample] {
        switch (csv, corpus) {
        case (let csv?, nil):
            let data = try Data(contentsOf: URL(fileURLWithPath: csv))
            return try LabeledCSV.parse([UInt8](data))
        case (nil, let corpus?):
            return try loadDirectory(corpus)
        default:
            throw LoadError(description: "give exactly one of --csv FILE and --corpus DIR")
        }
    }

    static func example(fromMessage bytes: [UInt8], label: String) -> LabeledExample {
        let message = Message(parsing: bytes)
        return LabeledExample(subject: message.subject?.base ?? "", body: message.newText, label: label)
    }

    static func loadDirectory(_ path: String) throws -> [LabeledExample] {
        let fm = FileManager.default
        var examples: [LabeledExample] = []
        let labels = try fm.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
        for label in labels {
            let folder = path + "/" + label
            guard isDirectory(folder) else { continue }
            for file in try messageFiles(in: folder) {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                examples.append(example(fromMessage: [UInt8](data), label: label))
            }
        }
        if examples.isEmpty {
            throw LoadError(description: "\(path): no labelled messages (expected LABEL/*.eml or LABEL/{cur,new}/*)")
        }
        return examples
    }

    /// `.eml` files of a label folder, or the messages of the Maildir it is; sorted by path so
    /// the example order (and so the dev split) does not depend on the file system.
    static func messageFiles(in folder: String) throws -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        for sub in ["cur", "new"] where isDirectory(folder + "/" + sub) {
            let dir = folder + "/" + sub
            files += try fm.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }.map { dir + "/" + $0 }
        }
        files += try fm.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }.map { folder + "/" + $0 }
        return files.sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        return type == .typeDirectory
    }
}
