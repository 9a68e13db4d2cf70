//! Quoting for a POSIX shell, for the commands pick-stack prints for a
//! person to paste (the decision record's "Run …" line, the note after
//! `weigh --save`). A file name is untrusted text: `a b $(touch x).yaml`
//! must reach the command as one argument, not run `touch`.

/// `argument` as one word for a POSIX shell: as it is when it holds only
/// characters no shell treats specially, otherwise in single quotes (inside
/// which nothing is special), with each single quote closed, escaped and
/// reopened.
pub fn quoted(argument: &str) -> String {
    let plain = !argument.is_empty()
        && argument.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '_' | '-' | '.' | '/' | ',' | ':' | '=' | '+' | '@' | '%')
        });
    if plain {
        argument.to_owned()
    } else {
        format!("'{}'", argument.replace('\'', "'\\''"))
    }
}

/// A command line from its words, each quoted.
pub fn command(words: &[&str]) -> String {
    words
        .iter()
        .map(|word| quoted(word))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_single_quoted() {
        assert_eq!(quoted("answers.yaml"), "answers.yaml");
        assert_eq!(quoted("docs/adr/0001-stack.md"), "docs/adr/0001-stack.md");
        assert_eq!(quoted("a b $(touch x).yaml"), "'a b $(touch x).yaml'");
        assert_eq!(quoted("it's"), "'it'\\''s'");
        assert_eq!(quoted(""), "''");
        assert_eq!(quoted("-"), "-");
        assert_eq!(quoted("`x`"), "'`x`'");
    }
}
