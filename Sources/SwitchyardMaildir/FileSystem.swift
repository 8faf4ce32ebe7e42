#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX calls a durable delivery needs, retried on EINTR and turned into `MaildirError`.
///
/// Blocking by design: callers run on the delivery thread pool, never on an event loop.
enum FileSystem {
    static func errorNumber() -> Int32 { errno }

    /// Creates `path` if missing and fsyncs its parent so the new entry survives a crash.
    /// Returns whether it was created. An existing directory is fine; anything else there is not.
    @discardableResult
    static func makeDirectory(_ path: String) throws(MaildirError) -> Bool {
        if mkdir(path, 0o777) == 0 {
            try syncDirectory(parent(of: path))
            return true
        }
        let code = errno
        guard code == EEXIST else { throw MaildirError(operation: "mkdir", path: path, code: code) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw MaildirError(operation: "stat", path: path, code: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw MaildirError(operation: "mkdir", path: path, code: ENOTDIR)
        }
        return false
    }

    /// `mkdir -p`, fsyncing each parent whose entry list changed.
    static func makeDirectories(_ path: String) throws(MaildirError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") where component != "." {
            prefix += "/" + component
            try makeDirectory(prefix)
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func syncDirectory(_ path: String) throws(MaildirError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw MaildirError(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        try sync(fd, path: path)
    }

    static func sync(_ fd: Int32, path: String) throws(MaildirError) {
        while fsync(fd) != 0 {
            guard errno == EINTR else { throw MaildirError(operation: "fsync", path: path, code: errno) }
        }
    }

    /// Opens a new file that must not exist yet (O_EXCL); the mode is filtered by the umask.
    static func createExclusive(_ path: String) throws(MaildirError) -> Int32 {
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return fd }
            guard errno == EINTR else { throw MaildirError(operation: "open", path: path, code: errno) }
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(MaildirError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written < 0 {
                guard errno == EINTR else { throw MaildirError(operation: "write", path: path, code: errno) }
                continue
            }
            offset += written
        }
    }

    /// Writes `parts` to a new file, fsyncs and closes it; removes the file again on any failure.
    static func writeDurably(_ path: String, _ parts: [UInt8]...) throws(MaildirError) {
        let fd = try createExclusive(path)
        do throws(MaildirError) {
            for part in parts { try writeAll(fd, part, path: path) }
            try sync(fd, path: path)
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        // close() after a successful fsync cannot lose data; its error is not actionable.
        close(fd)
    }

    static func hardLink(_ from: String, _ to: String) throws(MaildirError) {
        if link(from, to) == 0 { return }
        let code = errno
        // Some file systems have no hard links; rename keeps the same all-or-nothing effect.
        guard code == EPERM || code == ENOTSUP || code == ENOSYS else {
            throw MaildirError(operation: "link", path: to, code: code)
        }
        guard rename(from, to) == 0 else { throw MaildirError(operation: "rename", path: to, code: errno) }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Names in a directory (without "." and ".."); empty when it cannot be read.
    static func entries(of path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes regular files in `directory` last modified more than `age` seconds before `now`.
    /// Returns how many were removed.
    @discardableResult
    static func removeFiles(in directory: String, olderThan age: Double, now: Double) -> Int {
        var removed = 0
        for name in entries(of: directory) {
            let path = directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if now - Double(info.st_mtim.tv_sec) > age, unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// The whole content of a small file, or nil when it cannot be read.
    static func readSmallFile(_ path: String, limit: Int = 4096) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: limit)
        var total = 0
        while total < limit {
            let got = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress.map { $0 + total }, limit - total)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            total += got
        }
        return Array(buffer.prefix(total))
    }
}
