//! What is wrong with the user's input, and where.
//!
//! A [`Problem`] names a file and, where it can, the line, column and field;
//! an [`InputError`] carries every problem found, so one run reports all of
//! them instead of making the user fix and rerun one at a time.

use std::fmt;

/// A 1-based line and column in an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// One thing wrong with one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub location: Option<Location>,
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    /// A problem with `file`. The message is bounded here, whatever built
    /// it: a value quoted from the input (a key, an id, a string a parser
    /// quotes) is cut to its start (see [`bounded`]), so a hostile file
    /// cannot make one message megabytes long.
    pub fn in_file(file: &str, message: String) -> Self {
        Self {
            file: file.to_owned(),
            location: None,
            field: None,
            message: bounded(message),
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn field(mut self, field: String) -> Self {
        if !field.is_empty() {
            self.field = Some(bounded(field));
        }
        self
    }
}

/// Shown to a person (standard error, `validate`'s table and Markdown):
/// the file name, field path and message may all hold text from the files
/// or the command line, so each is escaped (see [`crate::untrusted`]). JSON
/// and CSV take the fields as they are.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::untrusted::escaped;
        f.write_str(&escaped(&self.file))?;
        if let Some(Location { line, column }) = self.location {
            write!(f, ":{line}:{column}")?;
        }
        f.write_str(": ")?;
        if let Some(field) = &self.field {
            write!(f, "{}: ", escaped(field))?;
        }
        f.write_str(&escaped(&self.message))
    }
}

/// How many problems one run lists. The rest are counted ("and 1,234 more
/// problems"): a file with a hundred thousand mistakes gets a report the
/// size of a screenful, and the work of locating and describing each
/// problem is spent on the ones shown.
pub const PROBLEMS_LISTED: usize = 100;

/// Input the user gave that pick-stack cannot use. Exits with
/// [`crate::exit_code::ExitCode::InputError`].
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// The problems listed, at most [`PROBLEMS_LISTED`].
    pub problems: Vec<Problem>,
    /// How many more were found and not listed.
    pub more: usize,
}

impl InputError {
    /// Every problem in `problems` listed, up to [`PROBLEMS_LISTED`].
    pub fn new(mut problems: Vec<Problem>) -> Self {
        let more = problems.len().saturating_sub(PROBLEMS_LISTED);
        problems.truncate(PROBLEMS_LISTED);
        Self { problems, more }
    }

    /// How many problems were found, listed or not.
    pub fn count(&self) -> usize {
        self.problems.len() + self.more
    }

    /// "and 1,234 more problems", when some were not listed.
    pub fn more_text(&self) -> Option<String> {
        (self.more > 0).then(|| {
            let noun = if self.more == 1 {
                "problem"
            } else {
                "problems"
            };
            format!(
                "and {} more {noun} (the first {} are listed)",
                thousands(self.more),
                self.problems.len()
            )
        })
    }
}

impl From<Problem> for InputError {
    fn from(problem: Problem) -> Self {
        Self::new(vec![problem])
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.problems.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        if let Some(more) = self.more_text() {
            write!(f, "\n{more}")?;
        }
        Ok(())
    }
}

/// 1234567 → "1,234,567".
pub fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

impl std::error::Error for InputError {}

/// The id in `valid` closest to `given`, if it is close enough to be a
/// plausible typo (or `given` is a prefix of it).
///
/// The search stops, without a suggestion, after [`SUGGESTION_WORK`]
/// character comparisons: a file with hundreds of thousands of ids alike
/// (or a hostile one) would otherwise make each unknown id cost a pass of
/// edit distances over all of them.
pub fn closest<'a>(given: &str, valid: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // No id is this long; comparing a huge value would only cost time.
    if given.chars().nth(MAX_SHOWN_ID).is_some() {
        return None;
    }
    let given: Vec<char> = given.chars().flat_map(char::to_lowercase).collect();
    // A candidate within `max(len / 3, 1)` edits is at most this long.
    let longest = given.len() + given.len() / 2 + 1;
    let mut work = 0usize;
    let mut best: Option<(usize, &str)> = None;
    let mut rows = (Vec::new(), Vec::new());
    for candidate in valid {
        work += given.len() + 1;
        if work > SUGGESTION_WORK {
            return None;
        }
        let lower = candidate.chars().flat_map(char::to_lowercase);
        if !given.is_empty() && lower.clone().take(given.len()).eq(given.iter().copied()) {
            // A prefix is as close as can be.
            if best.is_none_or(|(distance, _)| distance > 0) {
                best = Some((0, candidate));
            }
            continue;
        }
        let length = lower.clone().take(longest + 1).count();
        if length > longest {
            continue;
        }
        work += given.len() * length;
        if work > SUGGESTION_WORK {
            return None;
        }
        let distance = edit_distance(&given, lower, &mut rows);
        let close_enough = distance <= (length / 3).max(1);
        if close_enough && best.is_none_or(|(best, _)| distance < best) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// How many character comparisons one "did you mean" may cost.
const SUGGESTION_WORK: usize = 1_000_000;

/// Ids longer than this are cut short when echoed in a message.
pub const MAX_SHOWN_ID: usize = 60;

/// An id from the user's file as a message shows it: whole, or its start
/// and an ellipsis when it is implausibly long (a pasted blob, an attack).
pub fn shown(id: &str) -> String {
    // Counting stops past the limit: a 10 MB id costs no more than a short one.
    if id.chars().nth(MAX_SHOWN_ID).is_none() {
        id.to_owned()
    } else {
        let start: String = id.chars().take(MAX_SHOWN_ID).collect();
        format!("{start}… ({} characters)", id.chars().count())
    }
}

/// A name found on disk (a file in a criteria folder, where a link points)
/// as a message shows it: control and bidirectional-override characters,
/// which could rewrite what a terminal shows, are written as escapes.
pub fn shown_name(name: &str) -> String {
    crate::untrusted::escaped(name).into_owned()
}

/// A run of characters without a space longer than this, in a message, is
/// a value quoted from the input, not pick-stack's words (its longest word
/// is far shorter, and ids are shown cut to [`MAX_SHOWN_ID`]).
const MAX_WORD: usize = 2 * MAX_SHOWN_ID;

/// The longest message kept whole; a longer one is cut there. Messages
/// list at most 20 valid ids of at most 60 characters, well within it.
const MAX_MESSAGE: usize = 4096;

/// A message with every over-long quoted value cut to its start: spans in
/// backticks or double quotes longer than [`MAX_WORD`] characters (parsers
/// quote keys and strings that way), then runs without a space as long,
/// then the whole at [`MAX_MESSAGE`]. Messages
/// pick-stack writes already show ids with [`shown`]; this catches what
/// parsers and libraries write, at the one place every message passes.
pub fn bounded(message: String) -> String {
    if message.chars().nth(MAX_WORD).is_none() {
        return message;
    }
    let message = cut_spans(&message);
    let mut message = cut_words(&message);
    if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE) {
        let total = message.chars().count();
        message.truncate(cut);
        message.push_str(&format!(
            "… (message cut at {MAX_MESSAGE} of {total} characters)"
        ));
    }
    message
}

/// Quoted spans longer than [`MAX_WORD`] characters, cut by [`shown`]. (A
/// value pick-stack itself shows with [`shown`] is shorter than that, so it
/// is not cut twice.)
fn cut_spans(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(2 * MAX_MESSAGE));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest[open..].chars().next().unwrap_or('`');
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        match after.find(quote) {
            Some(close) => {
                push_word(&mut out, &after[..close]);
                out.push(quote);
                rest = &after[close + 1..];
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Runs without whitespace longer than [`MAX_WORD`] characters, cut by
/// [`shown`].
fn cut_words(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(2 * MAX_MESSAGE));
    let mut start = 0;
    for (at, char) in message.char_indices() {
        if char.is_whitespace() {
            push_word(&mut out, &message[start..at]);
            out.push(char);
            start = at + char.len_utf8();
        }
    }
    push_word(&mut out, &message[start..]);
    out
}

fn push_word(out: &mut String, word: &str) {
    if word.chars().nth(MAX_WORD).is_none() {
        out.push_str(word);
    } else {
        out.push_str(&shown(word));
    }
}

/// "did you mean `x`? valid ...: a, b, c" for an unknown id.
pub fn unknown_id_hint(given: &str, kind: &str, valid: &[&str]) -> String {
    let mut hint = String::new();
    if let Some(suggestion) = closest(given, valid.iter().copied()) {
        hint.push_str(&format!("did you mean `{}`? ", shown(suggestion)));
    }
    // A company-wide file may have thousands of ids: name the first few.
    hint.push_str(&format!("valid {kind}: {}", listing(valid, |id| shown(id))));
    hint
}

/// How many items a message lists before it only counts the rest.
pub const ITEMS_LISTED: usize = 20;

/// "a, b, c", or the first [`ITEMS_LISTED`] and "and 3 more".
pub fn listing<T>(items: &[T], show: impl Fn(&T) -> String) -> String {
    let shown: Vec<String> = items.iter().take(ITEMS_LISTED).map(show).collect();
    let mut text = shown.join(", ");
    if items.len() > ITEMS_LISTED {
        text.push_str(&format!(
            " and {} more",
            thousands(items.len() - ITEMS_LISTED)
        ));
    }
    text
}

/// Levenshtein distance, with the caller's two rows as the table.
fn edit_distance(
    a: &[char],
    b: impl Iterator<Item = char> + Clone,
    (previous, current): &mut (Vec<usize>, Vec<usize>),
) -> usize {
    let b_len = b.clone().count();
    previous.clear();
    previous.extend(0..=b_len);
    for (i, &ca) in a.iter().enumerate() {
        current.clear();
        current.resize(b_len + 1, i + 1);
        for (j, cb) in b.clone().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(previous, current);
    }
    previous[b_len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos_and_prefixes_but_not_strangers() {
        let valid = ["workload", "realtime", "team_skills"];
        assert_eq!(closest("wrkload", valid), Some("workload"));
        assert_eq!(closest("team", valid), Some("team_skills"));
        assert_eq!(closest("zebra", valid), None);
    }

    #[test]
    fn names_on_disk_cannot_rewrite_the_terminal() {
        assert_eq!(shown_name(".#x.yaml"), ".#x.yaml");
        assert_eq!(shown_name("a\u{1b}[2Jb.yaml"), "a\\u{1b}[2Jb.yaml");
        assert_eq!(shown_name("x\u{202e}lmay.exe"), "x\\u{202e}lmay.exe");
    }

    #[test]
    fn a_suggestion_gives_up_past_its_work_limit() {
        // Half a million ids alike: no "did you mean" rather than a pass of
        // edit distances over all of them; a short list still gets one.
        let many: Vec<String> = (0..500_000).map(|i| format!("workload{i}")).collect();
        assert_eq!(closest("wrkload1", many.iter().map(String::as_str)), None);
        assert_eq!(
            closest("wrkload1", many[..100].iter().map(String::as_str)),
            Some("workload1")
        );
    }

    #[test]
    fn messages_cut_long_quoted_values_words_and_length() {
        let long = "k".repeat(1_000_000);
        let quoted = bounded(format!("unknown field `{long}`, expected `answers`"));
        assert!(quoted.starts_with("unknown field `kkkk"), "{quoted}");
        assert!(
            quoted.ends_with("… (1000000 characters)`, expected `answers`"),
            "{quoted}"
        );
        let spaced = "a ".repeat(100_000);
        let quoted = bounded(format!("invalid type: string \"{spaced}\", expected f64"));
        assert!(
            quoted.ends_with("… (200000 characters)\", expected f64"),
            "{quoted}"
        );
        let word = bounded(format!("bad {long} here"));
        assert!(word.ends_with("… (1000000 characters) here"), "{word}");
        let words = bounded("word ".repeat(10_000));
        assert!(words.chars().count() < MAX_MESSAGE + 60, "{}", words.len());
        assert!(words.ends_with("(message cut at 4096 of 50000 characters)"));
        // A value pick-stack showed already is not cut again.
        let once = format!("unknown option `{}`", shown(&long));
        assert_eq!(bounded(once.clone()), once);
        // Ordinary messages are untouched.
        let plain = "unknown question `wrkload`; did you mean `workload`?".to_owned();
        assert_eq!(bounded(plain.clone()), plain);
    }

    #[test]
    fn listings_name_twenty_and_count_the_rest() {
        let ids: Vec<String> = (0..1_234).map(|i| format!("q{i}")).collect();
        let text = listing(&ids, |id| id.clone());
        assert!(text.starts_with("q0, q1, q2"), "{text}");
        assert!(text.ends_with("q19 and 1,214 more"), "{text}");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn problem_reads_file_line_column_field_message() {
        let problem = Problem::in_file("a.yaml", "bad".into())
            .at(Location { line: 3, column: 7 })
            .field("criteria[0].weight".into());
        assert_eq!(problem.to_string(), "a.yaml:3:7: criteria[0].weight: bad");
    }
}
