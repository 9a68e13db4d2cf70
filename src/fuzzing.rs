//! One entry point that runs arbitrary bytes through every stage that reads
//! user input: criteria, answers and comparisons are parsed, checked,
//! evaluated by every method, analysed and rendered in every format. The
//! fuzz target in `fuzz/` calls it; `tests/fuzz_regressions.rs` replays every
//! input the fuzzer ever found a crash with. Any panic is a bug: bad input
//! must come back as an error value.

use crate::answers::{Answers, MissingAnswers};
use crate::engine::{self, Method};
use crate::model::{self, Model};
use crate::report::adr::RecordContext;
use crate::report::advice::Advice;
use crate::report::{self, Document, Format, Layout};
use crate::source::SourceFile;
use crate::weigh;

/// Separates the criteria, answers and comparisons documents in one input.
pub const SEPARATOR: &[u8] = b"\n--8<--\n";

pub fn run(data: &[u8]) {
    let mut parts = split(data);
    let criteria = parts.next().unwrap_or_default();
    let answers = parts.next().unwrap_or_default();
    let comparisons = parts.next().unwrap_or_default();

    let embedded = Model::embedded().expect("the embedded criteria load");
    let loaded = SourceFile::from_bytes("criteria.yaml".into(), criteria.to_vec())
        .ok()
        .and_then(|source| model::build(&[source]).ok());
    let model = loaded.as_ref().unwrap_or(&embedded);

    if let Ok(source) = SourceFile::from_bytes("comparisons.yaml".into(), comparisons.to_vec())
        && let Ok(weighing) = weigh::from_source(model, &source)
        && let Ok(explicit) = weighing.explicit_weights(model)
    {
        let shown = model.for_people();
        let document = |model| Document::Weights {
            model,
            weighing: &weighing,
            explicit: &explicit,
        };
        render_all(&document(model), &document(&shown));
    }

    let Ok(source) = SourceFile::from_bytes("answers.yaml".into(), answers.to_vec()) else {
        return;
    };
    let Ok(answers) = Answers::from_source(model, &source, MissingAnswers::UseDefaults) else {
        return;
    };
    for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
        let Ok(analysis) = engine::analyse(model, &answers, method) else {
            continue;
        };
        let advice = Advice::new(model, &answers, &analysis);
        let shown = model.for_people();
        let shown_answers = answers.for_people();
        let advice_shown = Advice::new(&shown, &shown_answers, &analysis);
        render_all(
            &Document::Advice {
                advice: &advice,
                explain: true,
            },
            &Document::Advice {
                advice: &advice_shown,
                explain: true,
            },
        );
        let raw_ids: Vec<String> = model.alternatives.iter().map(|a| a.id.clone()).collect();
        let command = ["pick-stack".to_owned(), "advise".to_owned()];
        let context = RecordContext {
            date: "2026-01-01",
            criteria_source: "fuzz input",
            command: &command,
            raw_ids: &raw_ids,
            record_path: Some(std::path::Path::new("docs/adr/0001-stack.md")),
        };
        let mut record = Vec::new();
        let _ = report::adr::write(&mut record, &advice_shown, &context);
        assert_shown_safely("the decision record", &record);
        for chart in report::adr::Chart::ALL {
            let drawn = report::adr::chart_file((&advice_shown).into(), chart);
            assert_shown_safely("a decision record's chart", &drawn);
        }
    }
    let shown = model.for_people();
    render_all(&Document::Matrix(model), &Document::Matrix(&shown));
    render_all(&Document::Questions(model), &Document::Questions(&shown));
    let _ = report::answers_file::write(&mut Vec::new(), model, &Answers::defaults(model), "fuzz");
}

fn split(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let current = rest?;
        match current
            .windows(SEPARATOR.len())
            .position(|window| window == SEPARATOR)
        {
            Some(at) => {
                rest = Some(&current[at + SEPARATOR.len()..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// Renders a document in every format and a few widths, as the app does:
/// the formats a person reads from the model with its text escaped
/// (`shown`), JSON and CSV from the model as loaded (`raw`).
fn render_all(raw: &Document<'_>, shown: &Document<'_>) {
    for format in [
        Format::Table,
        Format::Json,
        Format::Markdown,
        Format::Csv,
        Format::Html,
    ] {
        let for_people = matches!(format, Format::Table | Format::Markdown | Format::Html);
        let document = if for_people { shown } else { raw };
        for width in [None, Some(40), Some(120)] {
            let layout = Layout {
                width,
                color: width == Some(120),
            };
            let mut out = Vec::new();
            let _ = report::write(&mut out, format, document, layout);
            // Colour is pick-stack's own escape sequences; without it, no
            // control or bidi character may reach a person.
            if for_people && !layout.color {
                assert_shown_safely("a report", &out);
            }
        }
    }
}

/// Panics when `output`, meant for a person, holds a control or bidi
/// character other than a line break: text from the input got through
/// unescaped.
fn assert_shown_safely(what: &str, output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    if let Some(c) = text
        .chars()
        .find(|&c| c != '\n' && crate::untrusted::is_unsafe(c))
    {
        panic!("{what} shows {c:?} raw:\n{text}");
    }
}
