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
        let document = Document::Weights {
            model,
            weighing: &weighing,
            explicit: &explicit,
        };
        render_all(&document);
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
        render_all(&Document::Advice {
            advice: &advice,
            explain: true,
        });
        let context = RecordContext {
            date: "2026-01-01",
            criteria_source: "fuzz input",
            command: "pick-stack advise",
        };
        let _ = report::adr::write(&mut Vec::new(), &advice, &context);
    }
    render_all(&Document::Matrix(model));
    render_all(&Document::Questions(model));
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

fn render_all(document: &Document<'_>) {
    for format in [Format::Table, Format::Json, Format::Markdown, Format::Csv] {
        for width in [None, Some(40), Some(120)] {
            let layout = Layout {
                width,
                color: width == Some(120),
            };
            let _ = report::write(&mut Vec::new(), format, document, layout);
        }
    }
}
