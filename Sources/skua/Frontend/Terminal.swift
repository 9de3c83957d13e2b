import Glibc

/// Facts about where output goes.
enum Terminal {
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// Colour only on a terminal, and never when NO_COLOR is set to something (https://no-color.org).
    static func wantsColor(_ descriptor: Int32) -> Bool {
        wantsColor(isTerminal: isTerminal(descriptor), noColor: getenv("NO_COLOR").map { String(cString: $0) })
    }

    /// The colour decision itself: output to a terminal, and `NO_COLOR` (its value, `nil` when
    /// unset) absent or empty. An empty `NO_COLOR` does not count, as no-color.org says
    /// ("when present and not an empty string").
    static func wantsColor(isTerminal: Bool, noColor: String?) -> Bool {
        isTerminal && (noColor ?? "").isEmpty
    }

    /// Columns of the terminal on `descriptor`, or 160.
    static func width(_ descriptor: Int32) -> Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        return 160
    }

    static func writeError(_ text: String) {
        write(text, to: 2)
    }

    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
        bytes.removeAll()
    }
}
