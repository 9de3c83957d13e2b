/// Text for a terminal, made safe: CloudTrail values are attacker-controlled (user agents,
/// ARNs, names), and a value that reached the screen raw could move the cursor, recolour,
/// retitle the window or reorder what the eye reads.
///
/// Removed: escape sequences whole (CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, and two-byte
/// `ESC x`), every other C0 and C1 control character, DEL, and the Unicode bidirectional
/// controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) used by "Trojan Source"
/// tricks. Tab, CR and LF become a space so words stay apart.
public enum TerminalText {
    public static func sanitize(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x9B:
                // C1 CSI: parameters and a final byte, like ESC [.
                skipControlSequence(&scalars)
            case 0x09, 0x0A, 0x0D:
                output.append(" ")
            case 0x00...0x1F, 0x7F, 0x80...0x9F:
                continue
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                continue
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    private static func skipEscapeSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let next = scalars.next() else { return }
        switch next {
        case "[": skipControlSequence(&scalars)
        case "]", "P", "X", "^", "_":
            // OSC / DCS / SOS / PM / APC: up to BEL or ST (ESC \).
            var previousWasEscape = false
            while let scalar = scalars.next() {
                if scalar.value == 0x07 || scalar.value == 0x9C { return }
                if previousWasEscape && scalar == "\\" { return }
                previousWasEscape = scalar.value == 0x1B
            }
        default:
            return
        }
    }

    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            if (0x40...0x7E).contains(scalar.value) { return }
        }
    }

    /// Shortens `text` to `width` characters with an ellipsis in the middle, keeping the start
    /// and the more telling end (of an ARN: the user, role or session).
    public static func shortenMiddle(_ text: String, to width: Int) -> String {
        guard text.count > width, width > 3 else { return text }
        let tail = (width - 1) * 2 / 3
        let head = width - 1 - tail
        return String(text.prefix(head)) + "…" + String(text.suffix(tail))
    }

    /// Shortens `text` to `width` characters by cutting its end (`LLM Resource Hi…`), for
    /// descriptive text whose start says the most.
    public static func shortenEnd(_ text: String, to width: Int) -> String {
        guard text.count > width, width > 1 else { return text }
        let kept = text.prefix(width - 1)
        return String(kept.last == " " ? kept.dropLast() : kept) + "…"
    }

    /// Shortens an ARN to `width` characters without touching its account: the head
    /// `arn:partition:service:region:account:` stays whole, because a responder pivots on the
    /// account id, and the resource after it is shortened in the middle
    /// (`arn:aws:iam::381492761055:user/s…elay-legacy`). Text that is not an ARN, or a width too
    /// small to hold the head and four characters of the resource, is shortened in the middle.
    public static func shortenARN(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard let head = arnHead(text), width - head.count >= 4 else { return shortenMiddle(text, to: width) }
        return head + shortenMiddle(String(text.dropFirst(head.count)), to: width - head.count)
    }

    /// `arn:partition:service:region:account:` of an ARN (through its fifth colon), or `nil`.
    public static func arnHead(_ text: String) -> String? {
        guard text.hasPrefix("arn:") else { return nil }
        var colons = 0
        for index in text.indices where text[index] == ":" {
            colons += 1
            if colons == 5 { return String(text[...index]) }
        }
        return nil
    }
}
