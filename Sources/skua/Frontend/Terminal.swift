import Glibc

/// Facts about where output goes.
enum Terminal {
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// Colour only on a terminal, and never when NO_COLOR is set to something (https://no-color.org).
    static func wantsColor(_ descriptor: Int32) -> Bool {
        isTerminal(descriptor) && !hasNoColor
    }

    /// NO_COLOR set to a non-empty value (an empty one does not count, as no-color.org says).
    static var hasNoColor: Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
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
