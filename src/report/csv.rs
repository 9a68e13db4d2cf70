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
    .map_err(io::Error::other)?;
    writer.flush()
}

type Writer<'w> = csv::Writer<&'w mut dyn Write>;

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
    writer.write_record(&header)?;
    let contributions = assessment.contributions(model, scenario);
    for (index, criterion) in model.criteria.iter().enumerate() {
        let mut record = vec![
            criterion.id.clone(),
            criterion.name.clone(),
            kind(model.kinds[index]).to_owned(),
            traces[index].base.to_string(),
            scenario.weights[index].to_string(),
            assessment.shares[index].to_string(),
        ];
        for alternative in 0..model.alternatives.len() {
            record.push(scenario.scores[index][alternative].to_string());
            record.push(contributions[index][alternative].to_string());
        }
        let trace = &traces[index];
        record.push(trace.raw.to_string());
        record.push(
            trace
                .group
                .map(|share| model.groups[share.group].id.clone())
                .unwrap_or_default(),
        );
        record.push(model.evidence.id().to_owned());
        record.push(revisions_cell(model, index));
        writer.write_record(&record)?;
    }
    let mut total = vec![
        "total".to_owned(),
        assessment.method.name().to_owned(),
        String::new(),
        String::new(),
        scenario.weights.iter().sum::<f64>().to_string(),
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
    writer.write_record(&total)
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
    writer.write_record(&header)?;
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
        writer.write_record(&record)?;
    }
    Ok(())
}

fn write_questions(writer: &mut Writer<'_>, model: &Model) -> csv::Result<()> {
    writer.write_record([
        "question",
        "prompt",
        "option",
        "label",
        "default",
        "asked_when",
        "rules_out",
        "neutral",
    ])?;
    for question in &model.questions {
        let condition = model.condition_text(question);
        for (index, choice) in question.choices.iter().enumerate() {
            let rules_out = model.rules_out_text(choice).unwrap_or_default();
            writer.write_record([
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
            ])?;
        }
    }
    Ok(())
}

fn write_validation(writer: &mut Writer<'_>, validation: &Validation) -> csv::Result<()> {
    writer.write_record(["file", "line", "column", "field", "message"])?;
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
            writer.write_record([
                problem.file.as_str(),
                &line,
                &column,
                problem.field.as_deref().unwrap_or(""),
                problem.message.as_str(),
            ])?;
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
    writer.write_record([
        "criterion",
        "ahp_weight",
        "base_weight_before",
        "base_weight_saved",
    ])?;
    for ((&criterion, weight), &(_, saved)) in weighing
        .criteria
        .iter()
        .zip(&weighing.priorities.weights)
        .zip(&explicit.values)
    {
        writer.write_record([
            model.criteria[criterion].id.clone(),
            weight.to_string(),
            model.base_weights[criterion].to_string(),
            saved.to_string(),
        ])?;
    }
    Ok(())
}
