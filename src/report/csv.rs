//! `--format csv`: one header row, then one row per criterion (advice and
//! matrix), per option (questions), per problem (validation) or per compared
//! criterion (weights). Figures are unrounded so a spreadsheet can recompute.

use std::io::{self, Write};

use super::advice::Advice;
use super::{Document, Validation};
use crate::model::{Kind, Model};

pub fn write(out: &mut dyn Write, document: &Document<'_>) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    match document {
        Document::Advice { advice, .. } => write_advice(&mut writer, advice),
        Document::Matrix(model) => write_matrix(&mut writer, model),
        Document::Questions(model) => write_questions(&mut writer, model),
        Document::Validation(validation) => write_validation(&mut writer, validation),
        Document::Weights {
            model,
            weighing,
            explicit,
        } => write_weights(&mut writer, model, weighing, explicit),
    }
    .map_err(io_error)?;
    writer.flush()
}

/// A CSV error as an I/O error: a write's own error as it was (a reader
/// gone away stays a broken pipe, which ends a run quietly), any other
/// wrapped.
pub(crate) fn io_error(error: csv::Error) -> io::Error {
    if !error.is_io_error() {
        return io::Error::other(error);
    }
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        kind => io::Error::other(format!("{kind:?}")),
    }
}

pub(crate) type Writer<'w> = csv::Writer<&'w mut dyn Write>;

/// Writes one record, every field that a spreadsheet would read as a
/// formula made plain text. A cell that starts with `=`, `+`, `-` or `@`
/// (or a tab or carriage return, which some spreadsheets strip before
/// looking) runs as a formula when the file is opened, and the text comes
/// from criteria files strangers edit: such a field gets a leading `'`,
/// which spreadsheets show as text, unless it is a number (a negative
/// figure stays a figure). Header cells are records too.
pub(crate) fn write_record<I, F>(writer: &mut Writer<'_>, fields: I) -> csv::Result<()>
where
    I: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    for field in fields {
        let neutral = neutralised(field.as_ref());
        writer.write_field(terminal_safe(&neutral).as_ref())?;
    }
    writer.write_record(None::<&[u8]>)
}

/// A field as a terminal may safely show it: CSV is also read with `cat`
/// and `less`, so control, bidi and invisible characters are written as
/// escapes like everywhere else (see [`crate::untrusted`]). A line break is
/// kept: a quoted CSV field may hold one, and it moves no cursor back.
fn terminal_safe(field: &str) -> std::borrow::Cow<'_, str> {
    // Nearly every field, every figure among them, has nothing to escape.
    if !field.split('\n').any(crate::untrusted::has_unsafe) {
        return field.into();
    }
    field
        .split('\n')
        .map(|line| crate::untrusted::escaped(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
        .into()
}

/// A field as a spreadsheet may safely read it (see [`write_record`]).
fn neutralised(field: &str) -> std::borrow::Cow<'_, str> {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && !field.parse::<f64>().is_ok_and(f64::is_finite) {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

/// Fills a reused row of fields in order, each string cleared and written
/// in place.
struct Fields<'r> {
    record: &'r mut Vec<String>,
    used: usize,
}

impl<'r> Fields<'r> {
    fn new(record: &'r mut Vec<String>) -> Self {
        Fields { record, used: 0 }
    }

    fn push(&mut self, text: std::fmt::Arguments<'_>) {
        if self.used == self.record.len() {
            self.record.push(String::new());
        }
        super::write_over(&mut self.record[self.used], text);
        self.used += 1;
    }
}

fn kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Benefit => "benefit",
        Kind::Cost => "cost",
    }
}

fn write_advice(writer: &mut Writer<'_>, advice: &Advice<'_>) -> csv::Result<()> {
    let Advice {
        model,
        scenario,
        assessment,
        traces,
        ..
    } = advice;
    let mut header = vec![
        "criterion".to_owned(),
        "name".to_owned(),
        "kind".to_owned(),
        "base_weight".to_owned(),
        "weight".to_owned(),
        "share".to_owned(),
    ];
    for alternative in &model.alternatives {
        header.push(format!("{}_score", alternative.id));
        header.push(format!(
            "{}_{}",
            alternative.id,
            contribution_name(assessment.method)
        ));
    }
    // Added after the original columns, so that a sheet reading them by
    // position still finds them where they were.
    header.extend(
        ["raw_weight", "group", "evidence", "revisions"]
            .iter()
            .map(|name| (*name).to_owned()),
    );
    write_record(writer, &header)?;
    let contributions = assessment.contributions(model, scenario);
    // One row's fields, their strings reused from row to row: a large file
    // has a million figures to write.
    let mut record: Vec<String> = Vec::new();
    for (index, criterion) in model.criteria.iter().enumerate() {
        let mut fields = Fields::new(&mut record);
        fields.push(format_args!("{}", criterion.id));
        fields.push(format_args!("{}", criterion.name));
        fields.push(format_args!("{}", kind(model.kinds[index])));
        fields.push(format_args!("{}", traces[index].base));
        fields.push(format_args!("{}", scenario.weights[index]));
        fields.push(format_args!("{}", assessment.shares[index]));
        for alternative in 0..model.alternatives.len() {
            fields.push(format_args!("{}", scenario.scores[index][alternative]));
            fields.push(format_args!("{}", contributions[index][alternative]));
        }
        let trace = &traces[index];
        fields.push(format_args!("{}", trace.raw));
        match trace.group {
            Some(share) => fields.push(format_args!("{}", model.groups[share.group].id)),
            None => fields.push(format_args!("")),
        }
        fields.push(format_args!("{}", model.evidence.id()));
        fields.push(format_args!("{}", revisions_cell(model, index)));
        let used = fields.used;
        write_record(writer, &record[..used])?;
    }
    let mut total = vec![
        "total".to_owned(),
        assessment.method.name().to_owned(),
        String::new(),
        String::new(),
        crate::magnitude::sum_text(scenario.weights.iter().copied()),
        "1".to_owned(),
    ];
    for value in &assessment.totals {
        total.push(String::new());
        total.push(value.to_string());
    }
    total.extend([
        String::new(),
        String::new(),
        model.evidence.id().to_owned(),
        String::new(),
    ]);
    write_record(writer, &total)
}

/// "python: article 6, current 7, since 2015-2020" for each revised rating
/// of a criterion, joined by "; ".
fn revisions_cell(model: &Model, criterion: usize) -> String {
    model
        .revisions_of(criterion)
        .iter()
        .map(|revision| {
            format!(
                "{}: article {}, current {}, since {}",
                model.alternatives[revision.alternative].id,
                revision.article,
                revision.current,
                revision.since
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn contribution_name(method: crate::engine::Method) -> &'static str {
    match method {
        crate::engine::Method::WeightedSum => "points",
        crate::engine::Method::WeightedProduct => "factor",
        crate::engine::Method::Topsis => "value",
    }
}

fn write_matrix(writer: &mut Writer<'_>, model: &Model) -> csv::Result<()> {
    let mut header = vec![
        "criterion".to_owned(),
        "name".to_owned(),
        "kind".to_owned(),
        "base_weight".to_owned(),
        "source".to_owned(),
    ];
    for alternative in &model.alternatives {
        header.push(format!("{}_score", alternative.id));
        header.push(format!("{}_rationale", alternative.id));
    }
    // Added after the original columns; `_score` is in the layer `evidence`
    // names, `_article_score` as the article gives it.
    header.extend(["group".to_owned(), "evidence".to_owned()]);
    for alternative in &model.alternatives {
        header.push(format!("{}_article_score", alternative.id));
        header.push(format!("{}_revised_since", alternative.id));
        header.push(format!("{}_revision_note", alternative.id));
    }
    write_record(writer, &header)?;
    let groups = model.groups_by_criterion();
    for (index, (criterion, scores)) in model.criteria.iter().zip(model.scores.iter()).enumerate() {
        let mut record = vec![
            criterion.id.clone(),
            criterion.name.clone(),
            kind(model.kinds[index]).to_owned(),
            model.base_weights[index].to_string(),
            criterion.source.clone().unwrap_or_default(),
        ];
        for (alternative, score) in scores.iter().enumerate() {
            record.push(score.to_string());
            record.push(criterion.rationale(alternative).to_owned());
        }
        record.push(
            groups[index]
                .map(|group| group.id.clone())
                .unwrap_or_default(),
        );
        record.push(model.evidence.id().to_owned());
        for (alternative, score) in scores.iter().enumerate() {
            match crate::report::evidence::revision_of(model, index, alternative) {
                Some(revision) => {
                    record.push(revision.article.to_string());
                    record.push(revision.since.clone());
                    record.push(revision.note.clone());
                }
                None => {
                    record.push(score.to_string());
                    record.push(String::new());
                    record.push(String::new());
                }
            }
        }
        write_record(writer, &record)?;
    }
    Ok(())
}

fn write_questions(writer: &mut Writer<'_>, model: &Model) -> csv::Result<()> {
    write_record(
        writer,
        [
            "question",
            "prompt",
            "option",
            "label",
            "default",
            "asked_when",
            "rules_out",
            "neutral",
        ],
    )?;
    for question in &model.questions {
        let condition = model.condition_text(question);
        for (index, choice) in question.choices.iter().enumerate() {
            let rules_out = model.rules_out_text(choice).unwrap_or_default();
            write_record(
                writer,
                [
                    question.id.as_str(),
                    question.prompt.as_str(),
                    choice.id.as_str(),
                    choice.label.as_str(),
                    if index == question.default {
                        "true"
                    } else {
                        "false"
                    },
                    condition.as_str(),
                    rules_out.as_str(),
                    choice.neutral.as_deref().unwrap_or(""),
                ],
            )?;
        }
    }
    Ok(())
}

fn write_validation(writer: &mut Writer<'_>, validation: &Validation) -> csv::Result<()> {
    write_record(writer, ["file", "line", "column", "field", "message"])?;
    if let Err(error) = &validation.outcome {
        for problem in &error.problems {
            let line = problem
                .location
                .map(|location| location.line.to_string())
                .unwrap_or_default();
            let column = problem
                .location
                .map(|location| location.column.to_string())
                .unwrap_or_default();
            write_record(
                writer,
                [
                    problem.file.as_str(),
                    &line,
                    &column,
                    problem.field.as_deref().unwrap_or(""),
                    problem.message.as_str(),
                ],
            )?;
        }
        // The problems not listed, counted in a row of their own.
        if let Some(more) = error.more_text() {
            writer.write_record(["", "", "", "", more.as_str()])?;
        }
    }
    Ok(())
}

fn write_weights(
    writer: &mut Writer<'_>,
    model: &Model,
    weighing: &crate::weigh::Weighing,
    explicit: &crate::answers::ExplicitWeights,
) -> csv::Result<()> {
    // The consistency ratios are one figure per matrix, repeated on each
    // row so that the file stays one table: the combined judgements',
    // then each member's for a group (empty where it is not defined, with
    // two criteria or fewer).
    let ratio = |ratio: Option<f64>| ratio.map_or_else(String::new, |ratio| ratio.to_string());
    let mut header: Vec<String> = [
        "criterion",
        "ahp_weight",
        "base_weight_before",
        "base_weight_saved",
        "consistency_ratio",
    ]
    .map(str::to_owned)
    .into();
    header.extend(
        weighing
            .members
            .iter()
            .map(|member| format!("consistency_ratio {}", member.name)),
    );
    write_record(writer, header)?;
    for ((&criterion, weight), &(_, saved)) in weighing
        .criteria
        .iter()
        .zip(&weighing.priorities.weights)
        .zip(&explicit.values)
    {
        let mut row = vec![
            model.criteria[criterion].id.clone(),
            weight.to_string(),
            model.base_weights[criterion].to_string(),
            saved.to_string(),
            ratio(weighing.priorities.consistency_ratio),
        ];
        row.extend(
            weighing
                .members
                .iter()
                .map(|member| ratio(member.consistency_ratio)),
        );
        write_record(writer, row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::neutralised;

    #[test]
    fn formulas_become_text_and_figures_stay_figures() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(neutralised("-2+3"), "'-2+3");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("\t=1"), "'\t=1");
        assert_eq!(neutralised("\r=1"), "'\r=1");
        assert_eq!(neutralised("-0.25"), "-0.25");
        assert_eq!(neutralised("1e-300"), "1e-300");
        assert_eq!(neutralised("Node.js"), "Node.js");
        assert_eq!(neutralised(""), "");
    }
}
