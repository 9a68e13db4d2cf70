//! When two names are one to a reader: an alternative's id and name are how
//! a person, and `--expect` in CI, tell it from the others, so no two
//! alternatives may be written alike, and a name may not hide a letter of
//! another script among its own.
//!
//! Two texts are alike when their [`key`]s are equal: compared after
//! Unicode compatibility normalisation (NFKC, so `ＮＯＤＥ` and `ℕode` are
//! plain letters), in lower case (with `ß` as `ss` and a final sigma as
//! `σ`, as case folding has them), without invisible characters (zero-width
//! spaces and joiners, bidi controls, soft hyphens, variation selectors)
//! and with white space trimmed and runs of it as one space.

use unicode_normalization::UnicodeNormalization;

/// The form in which two alike texts are equal.
pub fn key(text: &str) -> String {
    // ASCII, nearly every id and name, is its own normal form and holds
    // nothing invisible: lower case and white space are the whole work.
    // Every load keys every id and name, so this is worth its branch.
    if text.is_ascii() {
        let lowered = text.to_ascii_lowercase();
        return lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    unicode_key(text)
}

/// [`key`] for any text.
fn unicode_key(text: &str) -> String {
    let lowered: String = text
        .nfkc()
        .filter(|c| !is_invisible(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect::<String>()
        .replace('ß', "ss");
    // Lower case can undo normalisation (a capital with an accent).
    let normal: String = lowered.nfkc().collect();
    normal.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` with every invisible or control character written as its code
/// point (`de\u{200B}no`), so that a message shows what [`key`] ignores and
/// the reader can find it.
pub fn visible(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible(c) || c.is_control() {
            shown.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Characters that show as nothing, or only change how their neighbours
/// show: Unicode's default-ignorable code points, the interlinear
/// annotation controls, and the blank braille pattern (U+2800), which
/// renders as a space but is a letter to Unicode.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// The scripts whose letters look like Latin ones (`о` and `o`, `Р` and
/// `P`, `ν` and `v`): a text that mixes them can pass for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    /// Any other letter: Armenian `օ`, Cherokee `Ꮓ`, the phonetic small
    /// capital `ᴏ`… Many scripts hold a letter that passes for a Latin one,
    /// but a name may also mix scripts honestly (`Node.js 服务`), so these
    /// count only inside a word that also has Latin letters.
    Other,
}

impl Script {
    fn of(c: char) -> Option<Script> {
        if !c.is_alphabetic() {
            return None;
        }
        match c {
            'A'..='Z'
            | 'a'..='z'
            | '\u{00C0}'..='\u{024F}'
            | '\u{1E00}'..='\u{1EFF}'
            | '\u{2C60}'..='\u{2C7F}'
            | '\u{A720}'..='\u{A7FF}'
            | '\u{AB30}'..='\u{AB6F}' => Some(Script::Latin),
            '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
            '\u{0400}'..='\u{052F}'
            | '\u{1C80}'..='\u{1C8F}'
            | '\u{2DE0}'..='\u{2DFF}'
            | '\u{A640}'..='\u{A69F}' => Some(Script::Cyrillic),
            _ => Some(Script::Other),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Greek => "Greek",
            Script::Cyrillic => "Cyrillic",
            Script::Other => "other",
        }
    }
}

/// When `text` (after NFKC) mixes Latin, Greek and Cyrillic letters, or
/// has a word mixing Latin letters with any other script's, what
/// a reader cannot see: "Latin and Cyrillic letters (о U+043E is
/// Cyrillic)", naming the letters of every script but the first one used.
pub fn mixed_scripts(text: &str) -> Option<String> {
    let normal: String = text.nfkc().collect();
    let letters: Vec<(char, Script)> = normal
        .split_whitespace()
        .flat_map(|word| {
            let has_latin = word.chars().any(|c| Script::of(c) == Some(Script::Latin));
            word.chars()
                .filter_map(|c| Script::of(c).map(|script| (c, script)))
                .filter(move |(_, script)| *script != Script::Other || has_latin)
        })
        .collect();
    // Latin is the reference where there is any: the other letters are
    // the ones a reader would take for Latin.
    let first = if letters.iter().any(|(_, script)| *script == Script::Latin) {
        Script::Latin
    } else {
        letters.first()?.1
    };
    let mut scripts = vec![first];
    let mut others = Vec::new();
    for &(c, script) in &letters {
        if script != first {
            if !scripts.contains(&script) {
                scripts.push(script);
            }
            let what = match script {
                Script::Other => "from another script",
                _ => script.name(),
            };
            let shown = format!("{c} U+{:04X} is {what}", u32::from(c));
            if !others.contains(&shown) {
                others.push(shown);
            }
        }
    }
    if scripts.len() < 2 {
        return None;
    }
    let names: Vec<&str> = scripts.iter().map(|script| script.name()).collect();
    Some(format!(
        "{} letters ({})",
        names.join(" and "),
        others.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ASCII shortcut gives what the full normalisation gives.
        #[test]
        fn ascii_keys_take_the_shortcut_to_the_same_key(text in "[\\x00-\\x7f]{0,30}") {
            proptest::prop_assert_eq!(key(&text), unicode_key(&text));
        }
    }

    #[test]
    fn alike_texts_share_a_key() {
        for (one, other) in [
            ("node", "NODE"),
            ("Node.js", "node.JS"),
            ("ＮＯＤＥ", "node"),
            ("node", "no\u{200B}de"),
            ("node", " node "),
            ("Go lang", "go  lang"),
            ("Straße", "STRASSE"),
            ("ΟΔΟΣ", "οδος"),
            ("ﬁle", "file"),
            ("e\u{301}", "É"),
        ] {
            assert_eq!(key(one), key(other), "{one:?} and {other:?}");
        }
        for (one, other) in [("node", "nodes"), ("node", "nоde"), ("python", "pyth0n")] {
            assert_ne!(key(one), key(other), "{one:?} and {other:?}");
        }
    }

    #[test]
    fn invisible_characters_are_shown_as_code_points() {
        assert_eq!(visible("de\u{200B}no"), "de\\u{200B}no");
        assert_eq!(visible("a\u{202E}b\tc"), "a\\u{202E}b\\u{0009}c");
        assert_eq!(visible("Node.js"), "Node.js");
    }

    #[test]
    fn a_name_mixing_latin_with_cyrillic_or_greek_is_found() {
        let mixed = mixed_scripts("Nоde.js").expect("a Cyrillic о among Latin letters");
        assert_eq!(mixed, "Latin and Cyrillic letters (о U+043E is Cyrillic)");
        assert!(mixed_scripts("Pythοn").is_some_and(|m| m.contains("U+03BF is Greek")));
        // Any other script's letter inside a Latin word: Armenian, Cherokee,
        // a phonetic small capital.
        for (text, letter) in [("nօde", "U+0585"), ("ꮓode", "U+AB93"), ("nᴏde", "U+1D0F")] {
            let mixed = mixed_scripts(text).unwrap_or_else(|| panic!("{text} passes"));
            assert!(mixed.contains(letter), "{text}: {mixed}");
        }
        for plain in [
            "Node.js",
            "Python 3",
            "Ruby",
            "Руби",
            "Πύθων",
            "Élan",
            "日本語 Go",
            "Node.js 服务",
            "",
        ] {
            assert_eq!(mixed_scripts(plain), None, "{plain}");
        }
    }
}
