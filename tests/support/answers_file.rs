//! Answers files as a person edits them.

/// `text`, a weights-only answers file, with its listed answers
/// uncommented once: `# answers:` and each `#   id: option` line become
/// the answers section; a line commented twice (a follow-up the defaults
/// do not bring in, a question's prompt) stays a comment.
pub fn uncommented_answers(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line == "# answers:" {
                "answers:".to_owned()
            } else {
                line.strip_prefix("#   ")
                    .filter(|rest| !rest.starts_with('#'))
                    .map_or(line.to_owned(), |rest| format!("  {rest}"))
            }
        })
        .collect();
    format!("{}\n", lines.join("\n"))
}
