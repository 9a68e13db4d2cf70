//! An arrow-key list at a terminal, fitted to the terminal's size.
//!
//! inquire redraws a prompt by moving the cursor up over the rows it drew
//! before. A prompt taller than the terminal scrolls its top away, and the
//! cursor cannot move back up past the screen's top row: the question
//! vanishes and the list is drawn over itself. So each list here shows as
//! many options at a time as fit under the question and above the help
//! line, and every option is cut to one row (a label that wraps makes the
//! prompt taller than counted).
//!
//! inquire also leaves the list on screen when Ctrl-C ends a prompt (Esc
//! and Ctrl-D replace it with the question and `<canceled>`). Before a
//! list is drawn, the rows it needs are made free below the cursor and the
//! cursor's place is saved; Ctrl-C goes back there and clears the list.
//!
//! Typing filters a list; when nothing matches, the list shows one line
//! that says so instead of nothing.

use std::cell::Cell;
use std::fmt;
use std::io::Write;

use inquire::{InquireError, MultiSelect, Select};
use unicode_width::UnicodeWidthChar;

use crate::prompt::Interrupted;

/// Shown in place of the options when what was typed matches none.
const NO_MATCH: &str = "(no option matches what you typed; Backspace to change it)";

/// The terminal's size, or `None` when it cannot be read (then lists keep
/// inquire's defaults).
fn terminal_size() -> Option<Size> {
    let (columns, rows) = crossterm::terminal::size().ok()?;
    (columns > 0 && rows > 0).then_some(Size {
        columns: usize::from(columns),
        rows: usize::from(rows),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Size {
    columns: usize,
    rows: usize,
}

/// How a list is laid out at a terminal of a given size.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    /// Options shown at a time.
    page_size: usize,
    /// The display width an option's label is cut to.
    label_width: usize,
    /// Whether the help line is shown: dropped when the terminal is too
    /// short to show it and a few options.
    help: bool,
    /// Rows the whole prompt takes at most.
    height: usize,
}

/// Rows `text` takes when inquire wraps it at `columns`: a character that
/// does not fit on a row starts the next.
fn rows_of(text: &str, columns: usize) -> usize {
    let mut rows = 1;
    let mut used = 0;
    for c in text.chars() {
        let width = c.width().unwrap_or(0);
        if width > columns.saturating_sub(used) {
            rows += 1;
            used = 0;
        }
        used += width;
    }
    rows
}

/// Options shown at a time when fewer than this fit with the help line:
/// the help goes first.
const FEWEST_OPTIONS_WITH_HELP: usize = 3;

/// Lays out a list of `options` options under `message`, with `help`
/// under it, below `above` rows the caller wants kept in view.
/// `option_prefix` is the width inquire puts before each label (cursor
/// mark, space, and a multi-select's checkbox).
fn layout(
    size: Size,
    message: &str,
    help: &str,
    options: usize,
    option_prefix: usize,
    above: usize,
) -> Layout {
    // inquire writes "? ", the message, a space, the filter typed so far
    // and a space for the cursor. One row more is kept free for a filter
    // long enough to wrap.
    let question = rows_of(&format!("? {message}  "), size.columns) + 1;
    let help_rows = rows_of(&format!("[{help}]"), size.columns);
    let free = size.rows.saturating_sub(above + question);
    let (page_size, help) = if free >= help_rows + FEWEST_OPTIONS_WITH_HELP.min(options) {
        (free - help_rows, true)
    } else {
        (free, false)
    };
    let page_size = page_size.clamp(1, options.max(1));
    // The last column stays empty: a character written there leaves some
    // terminals waiting to wrap, and the erase that follows removes it.
    let label_width = size.columns.saturating_sub(option_prefix + 1).max(1);
    Layout {
        page_size,
        label_width,
        help,
        height: question - 1 + page_size + if help { help_rows } else { 0 },
    }
}

/// The terminal's width in columns, when it can be read.
pub fn columns() -> Option<usize> {
    terminal_size().map(|size| size.columns)
}

/// The display width of `text`.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` cut to `width` display columns, ending in "…" where it was cut.
pub fn fitted(text: &str, width: usize) -> String {
    if self::width(text) <= width {
        return text.to_owned();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        cut.push(c);
    }
    cut.push('…');
    cut
}

/// One line of a list: an option's label, cut to fit, or the line that
/// says nothing matches the filter.
enum Line {
    Option { index: usize, label: String },
    NoMatch,
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::Option { label, .. } => f.write_str(label),
            Line::NoMatch => f.write_str(NO_MATCH),
        }
    }
}

/// The lines of a list: each option cut to `width`, then the no-match line.
fn lines<T: fmt::Display>(options: &[T], width: Option<usize>) -> Vec<Line> {
    options
        .iter()
        .enumerate()
        .map(|(index, option)| {
            let label = option.to_string();
            Line::Option {
                index,
                label: match width {
                    Some(width) => fitted(&label, width),
                    None => label,
                },
            }
        })
        .chain(std::iter::once(Line::NoMatch))
        .collect()
}

/// Makes `rows` rows free below the cursor (scrolling the screen if need
/// be) and saves the cursor's place, so that the prompt drawn there never
/// scrolls and Ctrl-C can find its top again.
fn reserve(rows: usize) {
    let mut terminal = std::io::stderr().lock();
    let down = "\n".repeat(rows.saturating_sub(1));
    let up = match rows.saturating_sub(1) {
        0 => String::new(),
        n => format!("\x1b[{n}A"),
    };
    // The terminal may be gone; the prompt then fails with its own error.
    let _ = write!(terminal, "\r{down}{up}\x1b7");
    let _ = terminal.flush();
}

/// After Ctrl-C: back to the saved place, clear what the prompt drew, and
/// leave the question marked as Esc leaves it.
fn clear_interrupted(message: &str) {
    let mut terminal = std::io::stderr().lock();
    let _ = write!(terminal, "\x1b8\r\x1b[J? {message} <canceled>\r\n");
    let _ = terminal.flush();
}

/// Scores a line as inquire's own filter does, except the no-match line,
/// which shows only when no option matched: inquire scores the lines in
/// order, and it is the last. `matched` carries that over the lines.
fn no_match_last(
    matched: &Cell<bool>,
    input: &str,
    line: &Line,
    text: &str,
    index: usize,
) -> Option<i64> {
    if index == 0 {
        matched.set(false);
    }
    match line {
        Line::Option { .. } => {
            let score = Select::<Line>::DEFAULT_SCORER(input, line, text, index);
            matched.set(matched.get() || score.is_some());
            score
        }
        Line::NoMatch => (!matched.get()).then_some(0),
    }
}

fn failed(err: InquireError, message: &str) -> anyhow::Error {
    match err {
        InquireError::OperationInterrupted => {
            clear_interrupted(message);
            Interrupted.into()
        }
        InquireError::OperationCanceled => Interrupted.into(),
        other => anyhow::Error::new(other).context("cannot ask at this terminal"),
    }
}

/// Asks `message` with one of `options` to choose, the cursor starting on
/// `start`, and returns the index chosen. `above` rows printed just before
/// stay in view where the terminal is tall enough.
pub fn choose<T: fmt::Display>(
    message: &str,
    help: &str,
    options: &[T],
    start: usize,
    above: usize,
) -> anyhow::Result<usize> {
    let size = terminal_size();
    let layout = size.map(|size| layout(size, message, help, options.len(), 2, above));
    loop {
        let lines = lines(options, layout.as_ref().map(|layout| layout.label_width));
        let matched = Cell::new(false);
        let scorer = |input: &str, line: &Line, text: &str, index: usize| -> Option<i64> {
            no_match_last(&matched, input, line, text, index)
        };
        let formatter = |line: inquire::list_option::ListOption<&Line>| match line.value {
            Line::Option { label, .. } => label.clone(),
            Line::NoMatch => "(nothing chosen: asked again)".to_owned(),
        };
        // The no-match line is filtered out before the first draw; with
        // inquire's reset, that change alone would move the cursor off
        // `start` to the top.
        let mut select = Select::new(message, lines)
            .with_starting_cursor(start)
            .with_reset_cursor(false)
            .with_scorer(&scorer)
            .with_formatter(&formatter);
        match &layout {
            Some(layout) => {
                select = select.with_page_size(layout.page_size);
                if layout.help {
                    select = select.with_help_message(help);
                } else {
                    select = select.without_help_message();
                }
                reserve(layout.height);
            }
            None => select = select.with_help_message(help).with_page_size(10),
        }
        match select.prompt().map_err(|err| failed(err, message))? {
            Line::Option { index, .. } => return Ok(index),
            Line::NoMatch => continue,
        }
    }
}

/// Asks `message` with any of `options` to tick, `ticked` ticked at first,
/// and returns the indices ticked, in order.
pub fn choose_many<T: fmt::Display>(
    message: &str,
    help: &str,
    options: &[T],
    ticked: &[usize],
) -> anyhow::Result<Vec<usize>> {
    let size = terminal_size();
    // A multi-select puts "> [x] " before each label.
    let layout = size.map(|size| layout(size, message, help, options.len(), 6, 0));
    let lines = lines(options, layout.as_ref().map(|layout| layout.label_width));
    let matched = Cell::new(false);
    let scorer = |input: &str, line: &Line, text: &str, index: usize| -> Option<i64> {
        no_match_last(&matched, input, line, text, index)
    };
    let mut select = MultiSelect::new(message, lines)
        .with_default(ticked)
        .with_scorer(&scorer);
    match &layout {
        Some(layout) => {
            select = select.with_page_size(layout.page_size);
            if layout.help {
                select = select.with_help_message(help);
            } else {
                select = select.without_help_message();
            }
            reserve(layout.height);
        }
        None => select = select.with_help_message(help).with_page_size(12),
    }
    let chosen = select.prompt().map_err(|err| failed(err, message))?;
    Ok(chosen
        .iter()
        .filter_map(|line| match line {
            Line::Option { index, .. } => Some(*index),
            Line::NoMatch => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{Size, fitted, layout, rows_of};

    #[test]
    fn text_wraps_where_inquire_wraps_it() {
        assert_eq!(rows_of("", 10), 1);
        assert_eq!(rows_of("0123456789", 10), 1);
        assert_eq!(rows_of("0123456789a", 10), 2);
        // A wide character that does not fit starts the next row.
        assert_eq!(rows_of("012345678語", 10), 2);
    }

    #[test]
    fn long_labels_end_in_an_ellipsis_at_the_width() {
        assert_eq!(fitted("short", 10), "short");
        assert_eq!(fitted("exactly 10", 10), "exactly 10");
        assert_eq!(fitted("a label far too long", 10), "a label f…");
        assert_eq!(fitted("語語語語語語", 6), "語語…");
    }

    #[test]
    fn a_list_fits_under_its_question_and_above_its_help() {
        let size = Size {
            columns: 60,
            rows: 12,
        };
        // "? [pair 1 of 3] Which…" fits on one row, the help takes two.
        let help = "x".repeat(100);
        let fit = layout(size, "short question", &help, 17, 2, 0);
        // 12 rows: 1 question, 1 spare for the filter, 2 help: 8 options.
        assert_eq!(fit.page_size, 8);
        assert!(fit.help);
        assert_eq!(fit.height, 11);
        assert_eq!(fit.label_width, 57);
        // Text printed above takes its rows from the options.
        assert_eq!(layout(size, "short question", &help, 17, 2, 2).page_size, 6);
        // Fewer options than room: the list is as tall as the options.
        assert_eq!(layout(size, "short question", &help, 4, 2, 0).page_size, 4);
    }

    #[test]
    fn a_terminal_too_short_for_the_help_line_shows_options_instead() {
        let size = Size {
            columns: 40,
            rows: 6,
        };
        let fit = layout(size, "q", &"h".repeat(120), 10, 2, 0);
        assert!(!fit.help);
        assert_eq!(fit.page_size, 4);
        // However short, one option shows.
        let tiny = Size {
            columns: 40,
            rows: 1,
        };
        assert_eq!(layout(tiny, "q", "h", 10, 2, 0).page_size, 1);
    }
}
