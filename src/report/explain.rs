//! `advise --explain`: every figure behind the verdict, criterion by
//! criterion, so that each one can be checked by hand. Each figure is
//! rounded on its own; a line says so where they miss a printed total.

use std::io::{self, Write};

use super::advice::{self, Advice, shown_contributions, shown_shares, top_names, total_text};
use super::{Layout, evidence, factor, fixed, score, write_paragraph};
use crate::engine::sensitivity::{
    CriterionSensitivity, DECISIVE_FACTOR, DECISIVE_MARGIN, LEANING_FACTOR, LEANING_MARGIN,
};
use crate::engine::{Change, Method};
use crate::model::{Kind, Model};

/// Writes the explanation of an advice report.
pub fn write(out: &mut dyn Write, advice: &Advice<'_>, layout: Layout) -> io::Result<()> {
    let Advice {
        model,
        scenario,
        assessment,
        sensitivity,
        traces,
        answers,
        ..
    } = advice;
    let explicit_from = answers
        .explicit_weights
        .as_ref()
        .map(|explicit| explicit.from.as_str());
    let method = assessment.method;
    // Finer than the table: three decimals a point, each rounded on its own.
    let shares = shown_shares(assessment, 2);
    let contributions = shown_contributions(advice);
    // Shown, not computed with: weights past f64's range may sum past it.
    let weight_total = crate::magnitude::sum_text(scenario.weights.iter().copied());
    writeln!(out)?;
    let heading = format!("How the verdict was reached ({})", method.name());
    writeln!(out, "{heading}")?;
    writeln!(out, "{}", "=".repeat(heading.chars().count()))?;
    write_paragraph(out, method_formula(model, method), layout)?;
    if evidence::is_layered(model) {
        writeln!(out)?;
        write_paragraph(out, &evidence::layer_sentence(model), layout)?;
    }
    write_groups(out, advice, layout)?;
    // Each group's heaviest member, weight and sum before it is shared,
    // worked out once: each member's lines show them.
    let group_figures: Vec<(f64, f64, f64)> = model
        .groups
        .iter()
        .map(|group| {
            let raws = group.members.iter().map(|&m| traces[m].raw);
            let heaviest = raws.clone().fold(0.0, f64::max);
            let (weight, sum) = group.weight(raws);
            (heaviest, weight, sum)
        })
        .collect();
    for (criterion, entry) in model.criteria.iter().enumerate() {
        let trace = &traces[criterion];
        if trace.weight == 0.0 && trace.changes.is_empty() && trace.base == 0.0 {
            continue;
        }
        writeln!(out)?;
        let kind = match model.kinds[criterion] {
            Kind::Benefit => "",
            Kind::Cost => ", a cost: lower is better",
        };
        let source = entry
            .source
            .as_deref()
            .map(|source| format!(", source: {source}"))
            .unwrap_or_default();
        let group = trace
            .group
            .map(|share| format!(", group: {}", model.groups[share.group].name))
            .unwrap_or_default();
        write_paragraph(
            out,
            &format!(
                "{} ({}{kind}{source}{group})",
                advice::row_name(model, criterion),
                entry.id
            ),
            layout,
        )?;
        let origin = match (trace.explicit, explicit_from) {
            (true, Some(from)) if !from.is_empty() => format!("set in the answers file: {from}"),
            (true, _) => "set in the answers file".to_owned(),
            (false, _) => "criteria file".to_owned(),
        };
        write_paragraph(
            out,
            &format!("  base weight {} ({origin})", score(trace.base)),
            layout,
        )?;
        for step in &trace.changes {
            let question = &model.questions[step.question];
            let choice = &question.choices[step.choice];
            let effect = match step.change {
                Change::Add(amount) => format!("+ {}", score(amount)),
                Change::Multiply(factor) => format!("× {}", score(factor)),
            };
            write_paragraph(
                out,
                &format!(
                    "  {effect:<8} {} = {} ({})",
                    question.id, choice.id, choice.label
                ),
                layout,
            )?;
        }
        if let Some(share) = trace.group {
            let group = &model.groups[share.group];
            let (heaviest, weight, sum) = group_figures[share.group];
            writeln!(out, "  = {} before the group", score(trace.raw))?;
            let rest = if group.rest_counts > 0.0 {
                format!(
                    " + {} × the others' {}",
                    score(group.rest_counts),
                    score(sum - heaviest)
                )
            } else {
                String::new()
            };
            write_paragraph(
                out,
                &format!(
                    "  × {:<6} {} group ({}): its members share {}, the heaviest's {}{rest}, of their {}",
                    format!("{:.3}", share.factor),
                    group.name,
                    group.id,
                    score(weight),
                    score(heaviest),
                    score(sum)
                ),
                layout,
            )?;
        }
        write_paragraph(
            out,
            &format!(
                "  = weight {} of {} in all: {:.2}% of the total",
                score(trace.weight),
                weight_total,
                shares[criterion]
            ),
            layout,
        )?;
        if assessment.shares[criterion] > 0.0 {
            // The scores after the answers, looked up once per criterion.
            let values = &scenario.scores[criterion];
            for (index, alternative) in model.alternatives.iter().enumerate() {
                let position = index;
                let file_score = model.scores[criterion][position];
                let value = values[index];
                let figure = contribution_formula(
                    model,
                    method,
                    value,
                    model.kinds[criterion],
                    shares[criterion],
                    contributions[criterion][index],
                );
                let replaced = if value == file_score {
                    String::new()
                } else {
                    format!(" (answers replaced the file's {})", score(file_score))
                };
                write_paragraph(
                    out,
                    &format!("  {:<12} {figure}{replaced}", alternative.name),
                    layout,
                )?;
                let rationale = entry.rationale(position);
                let own_source = entry
                    .source_of(position)
                    .filter(|own| Some(*own) != entry.source.as_deref())
                    .map(|own| format!(" (source: {own})"))
                    .unwrap_or_default();
                if !rationale.is_empty() {
                    write_paragraph(out, &format!("      {rationale}{own_source}"), layout)?;
                }
                if let Some(revision) = evidence::revision_of(model, criterion, position) {
                    write_paragraph(
                        out,
                        &format!("      {}", evidence::revision_sentence(model, revision)),
                        layout,
                    )?;
                }
            }
        }
        let before_group = if trace.group.is_some() {
            " (of its weight before the group, whose share moves with it)"
        } else {
            ""
        };
        write_paragraph(
            out,
            &format!(
                "  sensitivity: {}{before_group}",
                sensitivity_text(model, &sensitivity.criteria[criterion])
            ),
            layout,
        )?;
    }

    writeln!(out)?;
    writeln!(out, "Totals")?;
    for (alternative, entry) in model.alternatives.iter().enumerate() {
        let terms: Vec<String> = (0..model.criteria.len())
            .filter(|&criterion| assessment.shares[criterion] > 0.0)
            .map(|criterion| match method {
                Method::WeightedSum | Method::WeightedProduct => {
                    fixed(contributions[criterion][alternative], 3)
                }
                Method::Topsis => String::new(),
            })
            .collect();
        let total = total_text(method, assessment.totals[alternative]);
        let line = match method {
            Method::WeightedSum => format!(
                "  {}: {} = {}",
                entry.name,
                terms.join(" + "),
                fixed(assessment.totals[alternative], 3)
            ),
            Method::WeightedProduct => format!("  {}: {} = {total}", entry.name, terms.join(" × ")),
            Method::Topsis => {
                let detail = assessment.topsis.as_ref();
                let to_ideal = detail.map_or(0.0, |d| d.distance_to_ideal[alternative]);
                let to_anti = detail.map_or(0.0, |d| d.distance_to_anti_ideal[alternative]);
                format!(
                    "  {}: D+ = {to_ideal:.4}, D- = {to_anti:.4}, closeness D-/(D+ + D-) = {total}",
                    entry.name
                )
            }
        };
        let ruled_out = if scenario.is_eligible(alternative) {
            ""
        } else {
            " (ruled out)"
        };
        write_paragraph(out, &format!("{line}{ruled_out}"), layout)?;
    }
    if let Some(note) = advice::rounding_note(advice, &contributions, |value| fixed(value, 3)) {
        write_paragraph(out, &format!("  {note}"), layout)?;
    }
    if let (Method::Topsis, Some(detail)) = (method, &assessment.topsis) {
        let points = |values: &[f64]| {
            values
                .iter()
                .zip(&assessment.shares)
                .filter(|(_, share)| **share > 0.0)
                .map(|(value, _)| format!("{value:.4}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        write_paragraph(
            out,
            &format!("  ideal point: {}", points(&detail.ideal)),
            layout,
        )?;
        write_paragraph(
            out,
            &format!("  anti-ideal point: {}", points(&detail.anti_ideal)),
            layout,
        )?;
    }

    writeln!(out)?;
    writeln!(out, "Stability: {}", sensitivity.stability.label())?;
    write_paragraph(
        out,
        &format!(
            "  decisive: lead of at least {:.0}% and no single weight flips the top within ×{DECISIVE_FACTOR} or ÷{DECISIVE_FACTOR}; \
             leaning: at least {:.0}% and not within ×{LEANING_FACTOR} or ÷{LEANING_FACTOR}; otherwise a close call.",
            DECISIVE_MARGIN * 100.0,
            LEANING_MARGIN * 100.0
        ),
        layout,
    )?;
    write_tornado(out, advice, layout)?;
    writeln!(out)?;
    if sensitivity.answer_flips.is_empty() {
        writeln!(out, "No other single answer changes the top.")?;
    } else {
        writeln!(out, "Answers that would change the top (one at a time)")?;
        for flip in &sensitivity.answer_flips {
            let choice = &model.questions[flip.question].choices[flip.choice];
            let line = format!(
                "  {} ({}): {}",
                advice::flip_answers(model, flip),
                choice.label,
                top_outcome(model, method, &flip.verdict, &flip.totals)
            );
            write_paragraph(out, &line, layout)?;
        }
    }
    if let Some(note) = advice::unchecked_note(sensitivity.answers_unchecked) {
        write_paragraph(out, &note, layout)?;
    }
    super::uncertainty::write_explain(out, advice, layout)
}

/// The tornado chart in text: for each weighed criterion, most sensitive
/// first, how far its weight may fall (left of `│`) or rise (right) before
/// the top changes, on a log scale out to ÷16 and ×16, and the two
/// factors. Laid out to the layout's width (names cut with "…" first,
/// then shorter bars), or at a natural width when it has none.
fn write_tornado(out: &mut dyn Write, advice: &Advice<'_>, layout: Layout) -> io::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let rows = super::svg::tornado_rows(advice.into());
    if rows.is_empty() {
        return Ok(());
    }
    let sensitivity = &advice.sensitivity.criteria;
    let labels: Vec<String> = rows
        .iter()
        .map(|&criterion| {
            let entry = &sensitivity[criterion];
            let side = |flip, raise| match flip {
                Some(_) => super::svg::flip_label(flip, raise),
                None => "–".to_owned(),
            };
            format!("{} {}", side(entry.lower, false), side(entry.raise, true))
        })
        .collect();
    let names: Vec<&str> = rows
        .iter()
        .map(|&criterion| advice.model.criteria[criterion].name.as_str())
        .collect();
    let label_width = labels.iter().map(|label| label.width()).max().unwrap_or(0);
    let natural_name_width = names.iter().map(|name| name.width()).max().unwrap_or(0);
    // Two spaces of indent, the name, a space, the bars either side of the
    // `│`, a space, the factors.
    let fixed = 2 + 1 + 1 + 1 + label_width;
    let (name_width, half) = match layout.width.map(usize::from) {
        None => (natural_name_width, TORNADO_HALF),
        Some(width) => {
            let room = width.saturating_sub(fixed);
            let name_width = natural_name_width.min((room / 3).max(MIN_TORNADO_NAME));
            let half = (room.saturating_sub(name_width) / 2).clamp(MIN_TORNADO_HALF, TORNADO_HALF);
            // The names get what the bars leave, down to one column when
            // even the shortest bars barely fit.
            let name_width = natural_name_width.min(room.saturating_sub(2 * half)).max(1);
            (name_width, half)
        }
    };
    writeln!(out)?;
    write_paragraph(
        out,
        "How far each weight may fall (left) or rise (right) before the top changes, on a log scale out to ÷16 and ×16; a side shaded light all the way: no change that way alters it:",
        layout,
    )?;
    for ((&criterion, name), label) in rows.iter().zip(&names).zip(&labels) {
        let entry = &sensitivity[criterion];
        let bar = |flip: Option<crate::engine::sensitivity::Flip>| -> Vec<char> {
            match flip {
                Some(flip) => {
                    let length = (super::svg::log_position(flip.at).abs() * half as f64)
                        .round()
                        .max(1.0) as usize;
                    let length = length.min(half);
                    let mut cells = vec!['█'; length];
                    cells.resize(half, ' ');
                    cells
                }
                None => vec!['░'; half],
            }
        };
        let mut left = bar(entry.lower);
        left.reverse();
        let right = bar(entry.raise);
        writeln!(
            out,
            "  {} {}│{} {label}",
            fit(name, name_width),
            left.into_iter().collect::<String>(),
            right.into_iter().collect::<String>(),
        )?;
    }
    Ok(())
}

/// Widest a side of the text tornado gets, and narrowest.
const TORNADO_HALF: usize = 16;
const MIN_TORNADO_HALF: usize = 3;
/// Names may be cut down to this many columns before the bars shorten.
const MIN_TORNADO_NAME: usize = 8;

/// `text` padded or cut with "…" to exactly `width` columns.
fn fit(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return format!("{text}{}", " ".repeat(width - text.width()));
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let columns = c.width().unwrap_or(0);
        if used + columns + 1 > width {
            break;
        }
        kept.push(c);
        used += columns;
    }
    kept.push('…');
    used += 1;
    format!("{kept}{}", " ".repeat(width.saturating_sub(used)))
}

/// The groups whose members carry weight: who is in them and why they
/// share one weight.
fn write_groups(out: &mut dyn Write, advice: &Advice<'_>, layout: Layout) -> io::Result<()> {
    let model = advice.model;
    let weighed: Vec<&crate::model::Group> = model
        .groups
        .iter()
        .filter(|group| group.members.iter().any(|&m| advice.traces[m].raw > 0.0))
        .collect();
    if weighed.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    write_paragraph(out, super::GROUPS_INTRO, layout)?;
    for group in weighed {
        write_paragraph(
            out,
            &format!("  {}", super::group_text(model, group)),
            layout,
        )?;
    }
    Ok(())
}

fn method_formula(model: &Model, method: Method) -> &'static str {
    let _ = model;
    match method {
        Method::WeightedSum => {
            "Each criterion's weight is its base weight plus any answer's addition, times any answer's factor (and, in a group, times the group's share); its share is that weight over the sum of all weights. Points = share × score (for a cost criterion, the score mirrored on the scale); the total is the sum of the points."
        }
        Method::WeightedProduct => {
            "Weights as for the weighted sum. Factor = score ^ share (for a cost criterion, (1 / score) ^ share); the total is the product of the factors, and two alternatives compare by the ratio of their totals."
        }
        Method::Topsis => {
            "Weights as for the weighted sum. Value = share × score / √(sum of squared scores of the eligible alternatives); the ideal point takes each criterion's best value (highest, or lowest for a cost) and the anti-ideal its worst. Closeness = D- / (D+ + D-), the distances to the anti-ideal and ideal points."
        }
    }
}

fn contribution_formula(
    model: &Model,
    method: Method,
    score_value: f64,
    kind: Kind,
    share_percent: f64,
    contribution: f64,
) -> String {
    match (method, kind) {
        (Method::WeightedSum, Kind::Benefit) => {
            format!(
                "{} × {share_percent:.2}% = {}",
                score(score_value),
                fixed(contribution, 3)
            )
        }
        (Method::WeightedSum, Kind::Cost) => format!(
            "({} − {}) × {share_percent:.2}% = {}",
            score(model.scale.min + model.scale.max),
            score(score_value),
            fixed(contribution, 3)
        ),
        (Method::WeightedProduct, Kind::Benefit) => {
            format!(
                "{} ^ {:.4} = {}",
                score(score_value),
                share_percent / 100.0,
                fixed(contribution, 3)
            )
        }
        (Method::WeightedProduct, Kind::Cost) => {
            format!(
                "(1 / {}) ^ {:.4} = {}",
                score(score_value),
                share_percent / 100.0,
                fixed(contribution, 3)
            )
        }
        (Method::Topsis, _) => format!(
            "score {} → weighted normalised value {contribution:.4}",
            score(score_value)
        ),
    }
}

/// The weight a weightless criterion would need, "0.714": three decimals,
/// or as [`crate::magnitude::text`] shows a number beyond them.
fn needed_weight(value: f64) -> String {
    if (1e-3..1e15).contains(&value) {
        format!("{value:.3}")
    } else {
        crate::magnitude::text(value)
    }
}

fn sensitivity_text(model: &Model, entry: &CriterionSensitivity) -> String {
    let name = |index: usize| model.alternatives[index].name.as_str();
    if entry.weight == 0.0 {
        return match entry.raise {
            Some(flip) => format!(
                "unweighted now; a weight of {} or more would put {} on top",
                needed_weight(flip.at),
                name(flip.new_leader)
            ),
            None => "unweighted now; no weight it could get would change the top".to_owned(),
        };
    }
    let mut parts = Vec::new();
    if let Some(flip) = entry.raise {
        parts.push(format!(
            "raising its weight ×{} would put {} on top",
            factor(flip.at),
            name(flip.new_leader)
        ));
    }
    if let Some(flip) = entry.lower {
        parts.push(format!(
            "lowering it to ×{} would put {} on top",
            factor(flip.at),
            name(flip.new_leader)
        ));
    }
    if parts.is_empty() {
        "no change of this weight alone changes the top".to_owned()
    } else {
        parts.join("; ")
    }
}

fn top_outcome(
    model: &Model,
    method: Method,
    verdict: &crate::engine::Verdict,
    totals: &[f64],
) -> String {
    let who = top_names(model, verdict);
    match verdict {
        crate::engine::Verdict::Winner { alternative, .. } => {
            format!(
                "{who} would lead ({})",
                total_text(method, totals[*alternative])
            )
        }
        _ => who,
    }
}
