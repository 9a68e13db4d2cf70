//! Text that did not come from pick-stack itself (criteria, answers and
//! comparisons files, file names, arguments), made safe to show a person.
//!
//! Criteria files are shared between teams and edited by strangers. A
//! string in one can hold terminal escape sequences (retitle the window,
//! clear the screen, hide what follows), a carriage return that overwrites
//! the line it is on, or a bidi override that makes text read differently
//! from what it is. [`escaped`] writes every such character as a visible
//! `\u{..}` escape (`\n`, `\r` and `\t` by name), so what is shown is what
//! the file holds. It is applied where text reaches a person: the model
//! handed to the human-readable reports and prompts ([`crate::model::Model::for_people`]),
//! every problem message, every path a message names, and CSV cells. JSON
//! carries the same strings, with these characters as JSON's `\u` escapes
//! (`report::json`); Markdown and shell commands have their own quoting on
//! top (`report::markdown`, `report::adr`).

use std::borrow::Cow;
use std::fmt::Write;

/// Whether showing `c` could change the terminal or the reading order
/// rather than print a glyph: the C0 and C1 controls and DEL, the line and
/// paragraph separators, the bidi embeddings, overrides, isolates and
/// marks, and the characters that show as nothing (zero-width spaces and
/// joiners, soft hyphens, tag characters: `spe\u{200b}ed` must not pass
/// for `speed` in a did-you-mean). Also Unicode's noncharacters (U+FDD0 to
/// U+FDEF, and the last two code points of every plane): never meant to be
/// shown, and U+FFFE and U+FFFF are not allowed in XML at all, so one in a
/// name would make a record's SVG charts fail to load.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{FDD0}'..='\u{FDEF}')
        || u32::from(c) & 0xFFFE == 0xFFFE
        // Variation selectors only pick a glyph's style (an emoji's
        // colour form): shown as they are.
        || (crate::model::lookalike::is_invisible(c)
            && !matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}'))
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Whether any character of `text` [`is_unsafe`]. Printable ASCII, most of
/// any text, is safe, so only the characters outside it are looked at one
/// by one: every run checks the whole of its criteria's text before
/// showing it, and this keeps that check to a byte scan.
pub fn has_unsafe(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(offset) = bytes[at..]
        .iter()
        .position(|byte| !(0x20..0x7f).contains(byte))
    {
        at += offset;
        // A byte outside printable ASCII found from a character boundary
        // starts a character: ASCII bytes are whole characters.
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if is_unsafe(c) {
            return true;
        }
        at += c.len_utf8();
    }
    false
}

/// `text` with every unsafe character written as an escape; borrowed when
/// there is nothing to escape, as nearly always.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if is_unsafe(c) => {
                let _ = write!(shown, "\\u{{{:x}}}", u32::from(c));
            }
            c => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// Replaces `text` with its escaped form where it needs one.
pub fn escape_in_place(text: &mut String) {
    if let Cow::Owned(shown) = escaped(text) {
        *text = shown;
    }
}

/// A path as a message names it.
pub fn path(path: &std::path::Path) -> String {
    escaped(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte scan finds exactly what a look at every character
        /// finds, whatever mix of ASCII, controls and other scripts.
        #[test]
        fn the_scan_agrees_with_each_characters_check(
            text in "(\\PC|[\\x00-\\x7f]|[\u{80}-\u{9f}]|[\u{200b}-\u{206f}]|[\u{fdd0}-\u{fdef}]|\u{fffe}|\u{10ffff}|é|✓){0,40}"
        ) {
            proptest::prop_assert_eq!(has_unsafe(&text), text.chars().any(is_unsafe));
        }
    }

    #[test]
    fn controls_and_bidi_are_shown_as_escapes_and_the_rest_as_it_is() {
        // Noncharacters, two of which XML forbids outright.
        assert_eq!(
            escaped("a\u{FFFF}b\u{FFFE}\u{FDD0}\u{10FFFF}c\u{FDCF}\u{FFFD}"),
            "a\\u{ffff}b\\u{fffe}\\u{fdd0}\\u{10ffff}c\u{FDCF}\u{FFFD}"
        );
        assert_eq!(escaped("Node.js & Python ✓"), "Node.js & Python ✓");
        assert!(matches!(escaped("plain"), Cow::Borrowed(_)));
        assert_eq!(escaped("a\x1b]0;title\x07b"), "a\\u{1b}]0;title\\u{7}b");
        assert_eq!(escaped("x\r\ny\tz\0"), "x\\r\\ny\\tz\\u{0}");
        assert_eq!(escaped("\u{202e}evil\u{2066}"), "\\u{202e}evil\\u{2066}");
        // Characters that show as nothing: a zero-width space, a soft
        // hyphen, a tag character; an emoji's variation selector stays.
        assert_eq!(escaped("spe\u{200b}ed"), "spe\\u{200b}ed");
        assert_eq!(escaped("a\u{ad}b\u{e0041}"), "a\\u{ad}b\\u{e0041}");
        assert_eq!(
            escaped("Node.js\u{2800}\u{fff9}"),
            "Node.js\\u{2800}\\u{fff9}"
        );
        assert_eq!(escaped("\u{2714}\u{fe0f}"), "\u{2714}\u{fe0f}");
        assert_eq!(escaped("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(escaped("\u{7f}"), "\\u{7f}");
    }
}
