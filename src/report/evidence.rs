//! What every format says about evidence: which layer the scores come
//! from, and for each revised row, the article's score beside the current
//! one. The words are made here once; each format lays them out (and
//! escapes them) its own way.

use crate::model::{Evidence, Model, Revision};

/// The mark beside a row whose current score departs from the article's.
pub const REVISED_MARK: &str = "†";

/// Whether the criteria say anything about evidence: a named source, a
/// date for the current layer, or a revision. A criteria file with none of
/// these has one layer only, and the reports stay silent about layers.
pub fn is_layered(model: &Model) -> bool {
    !model.revisions.is_empty()
        || model.provenance.article.is_some()
        || model.provenance.current_as_of.is_some()
}

/// "Evidence: current (as of 2026-12): the article's scores, revised where
/// facts have changed since; † marks each revised row." and its article
/// counterpart.
pub fn layer_sentence(model: &Model) -> String {
    let source = match &model.provenance.article {
        Some(article) => format!("the scores of {}", article.citation()),
        None => "the criteria file's scores".to_owned(),
    };
    let as_of = model
        .provenance
        .current_as_of
        .as_deref()
        .map(|date| format!(" (as of {date})"))
        .unwrap_or_default();
    let marked = if model.revisions.is_empty() {
        String::new()
    } else {
        format!("; {REVISED_MARK} marks a row where the two differ")
    };
    match model.evidence {
        Evidence::Current => format!(
            "Evidence: current{as_of}: {source}, revised where facts have changed since{marked}."
        ),
        Evidence::Article => format!(
            "Evidence: article: {source} as published, without the current revisions{as_of}{marked}."
        ),
    }
}

/// One revised rating in the layer in use: "Python 7 (article 6, since
/// 2015-2020)", or with `--evidence article`, "Python 6 (current 7, since
/// 2015-2020)".
pub fn revision_text(model: &Model, revision: &Revision) -> String {
    let name = &model.alternatives[revision.alternative].name;
    let (used, other, other_name) = match model.evidence {
        Evidence::Current => (revision.current, revision.article, "article"),
        Evidence::Article => (revision.article, revision.current, "current"),
    };
    format!(
        "{name} {} ({other_name} {}, since {})",
        super::score(used),
        super::score(other),
        revision.since
    )
}

/// "Architecture: Python 7 (article 6, since 2015-2020)", every revision of
/// one criterion's ratings in one line. `shown` are the scores the report
/// shows for the criterion: where an answer replaced a revised score, the
/// note says so rather than name a score the table does not use.
pub fn row_note(model: &Model, criterion: usize, shown: &[f64]) -> Option<String> {
    let revisions = model.revisions_of(criterion);
    if revisions.is_empty() {
        return None;
    }
    let texts: Vec<String> = revisions
        .iter()
        .map(|revision| {
            let text = revision_text(model, revision);
            let layer_score = model.scores[criterion][revision.alternative];
            match shown.get(revision.alternative) {
                Some(&score) if score != layer_score => {
                    format!("{text}, replaced by an answer with {}", super::score(score))
                }
                _ => text,
            }
        })
        .collect();
    Some(format!(
        "{}: {}",
        model.criteria[criterion].name,
        texts.join("; ")
    ))
}

/// What a revision changed, for a reader of one alternative's rating:
/// "Now (since 2019): worker_threads ..." or, in the article layer,
/// "Current evidence (since 2019) gives 7: worker_threads ...".
pub fn revision_sentence(model: &Model, revision: &Revision) -> String {
    match model.evidence {
        Evidence::Current => format!(
            "Now (since {}; the article gives {}): {}",
            revision.since,
            super::score(revision.article),
            revision.note
        ),
        Evidence::Article => format!(
            "Current evidence (since {}) gives {}: {}",
            revision.since,
            super::score(revision.current),
            revision.note
        ),
    }
}

/// The revision of one alternative's rating on one criterion, if any.
pub fn revision_of(model: &Model, criterion: usize, alternative: usize) -> Option<&Revision> {
    // A criterion's revisions are in the alternatives' order.
    let revisions = model.revisions_of(criterion);
    revisions
        .binary_search_by_key(&alternative, |revision| revision.alternative)
        .ok()
        .map(|at| &revisions[at])
}
