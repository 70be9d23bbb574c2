import Foundation

/// What a path names when it is not a regular file (symbolic links are followed first).
public enum FileKind: String, Sendable, Equatable, Codable {
    case directory = "a directory"
    case fifo = "a FIFO (named pipe)"
    case characterDevice = "a character device"
    case blockDevice = "a block device"
    case socket = "a socket"
    case other = "not a regular file"
}

/// Reads whole files, only when they are regular files (or symbolic links that resolve to one).
///
/// A directory, FIFO, device or socket is refused before it is opened: reading a FIFO would block until a writer
/// appears, a device may never end, and a directory's "size" is meaningless (it once made the loader try to
/// allocate 9.2 × 10¹⁸ bytes). The file is opened non-blocking and checked again through its descriptor, so a path
/// swapped for a FIFO between the check and the open cannot hang the reader either. Files whose size the system
/// does not report (such as those under `/proc`) are read to their end.
enum RegularFile {
    enum Failure: Error {
        case notRegular(FileKind)
        case system(String)
    }

    /// The kind of file a `stat` mode describes; `nil` for a regular file.
    static func kind(ofMode mode: mode_t) -> FileKind? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return .directory
        case S_IFIFO: return .fifo
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        case S_IFSOCK: return .socket
        default: return .other
        }
    }

    /// The kind of what `path` resolves to, `nil` when it is a regular file or does not exist.
    static func nonRegularKind(atPath path: String) -> FileKind? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return kind(ofMode: st.st_mode)
    }

    /// The file's bytes (read into uninitialized memory: no zero-filling of a large buffer first).
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .system(String(cString: strerror(errno))) }
        if let k = kind(ofMode: st.st_mode) { throw .notRegular(k) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .system(String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fstat(fd, &st) == 0 else { throw .system(String(cString: strerror(errno))) }
        if let k = kind(ofMode: st.st_mode) { throw .notRegular(k) }
        let size = max(0, Int(st.st_size))
        var failure: String?
        var reachedEnd = false
        var out = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let r = systemRead(fd, base + count, size - count)
                if r < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                if r == 0 {
                    reachedEnd = true
                    return
                }
                count += r
            }
        }
        if let failure { throw .system(failure) }
        // The file may be longer than its reported size (it grew, or the system reports 0): read on to the end.
        if !reachedEnd {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let r = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
                if r < 0 {
                    if errno == EINTR { continue }
                    throw .system(String(cString: strerror(errno)))
                }
                if r == 0 { break }
                out.append(contentsOf: chunk[0..<r])
            }
        }
        return out
    }
}

/// The C library's `read(2)` (the enum's own `read` hides it inside the enum).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
