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
    pub fn in_file(file: &str, message: String) -> Self {
        Self {
            file: file.to_owned(),
            location: None,
            field: None,
            message,
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn field(mut self, field: String) -> Self {
        if !field.is_empty() {
            self.field = Some(field);
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

/// Input the user gave that pick-stack cannot use. Exits with
/// [`crate::exit_code::ExitCode::InputError`].
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub problems: Vec<Problem>,
}

impl From<Problem> for InputError {
    fn from(problem: Problem) -> Self {
        Self {
            problems: vec![problem],
        }
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
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// The id in `valid` closest to `given`, if it is close enough to be a
/// plausible typo (or `given` is a prefix of it).
pub fn closest<'a>(given: &str, valid: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // No id is this long; comparing a huge value would only cost time.
    if given.chars().count() > MAX_SHOWN_ID {
        return None;
    }
    let given_lower = given.to_lowercase();
    valid
        .into_iter()
        .map(|candidate| {
            let candidate_lower = candidate.to_lowercase();
            let distance = if candidate_lower.starts_with(&given_lower) && !given.is_empty() {
                0
            } else {
                edit_distance(&given_lower, &candidate_lower)
            };
            (distance, candidate)
        })
        .filter(|(distance, candidate)| *distance <= (candidate.chars().count() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Ids longer than this are cut short when echoed in a message.
const MAX_SHOWN_ID: usize = 60;

/// An id from the user's file as a message shows it: whole, or its start
/// and an ellipsis when it is implausibly long (a pasted blob, an attack).
pub fn shown(id: &str) -> String {
    if id.chars().count() <= MAX_SHOWN_ID {
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

/// "did you mean `x`? valid ...: a, b, c" for an unknown id.
pub fn unknown_id_hint(given: &str, kind: &str, valid: &[&str]) -> String {
    let mut hint = String::new();
    if let Some(suggestion) = closest(given, valid.iter().copied()) {
        hint.push_str(&format!("did you mean `{suggestion}`? "));
    }
    // A company-wide file may have thousands of ids: name the first few.
    const LISTED: usize = 20;
    hint.push_str(&format!(
        "valid {kind}: {}",
        valid[..valid.len().min(LISTED)].join(", ")
    ));
    if valid.len() > LISTED {
        hint.push_str(&format!(" and {} more", valid.len() - LISTED));
    }
    hint
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
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
    fn problem_reads_file_line_column_field_message() {
        let problem = Problem::in_file("a.yaml", "bad".into())
            .at(Location { line: 3, column: 7 })
            .field("criteria[0].weight".into());
        assert_eq!(problem.to_string(), "a.yaml:3:7: criteria[0].weight: bad");
    }
}
