//! The uncertainty analysis in words: the one line under the verdict and
//! the `--explain` section. The engine found every figure
//! ([`crate::engine::uncertainty`]); this only lays them out. Names come
//! from the model the report was given, escaped for people already.

use std::io::{self, Write};

use super::advice::Advice;
use super::{Layout, write_paragraph};
use crate::engine::Verdict;
use crate::engine::uncertainty::{
    DECISIVE_SHARE, LEANING_SHARE, MethodUncertainty, Spread, Uncertainty,
};
use crate::model::Model;

/// A share of samples as a person reads it: whole percent, but never
/// "100%" or "0%" for a share that is not all or none.
pub fn percent(share: f64) -> String {
    let rounded = (share * 100.0).round();
    if share < 1.0 && rounded >= 100.0 {
        ">99%".to_owned()
    } else if share > 0.0 && rounded <= 0.0 {
        "<1%".to_owned()
    } else {
        format!("{rounded:.0}%")
    }
}

/// What was sampled: "10,000 plausible weightings (each weight within ×/÷
/// 2 of the answers') and 7 ratings within their ranges".
fn sampled(uncertainty: &Uncertainty) -> String {
    let spread = match uncertainty.spread {
        Spread::Factor(factor) => format!(
            "each weight within ×/÷ {} of the answers'",
            crate::magnitude::text(factor)
        ),
        Spread::Any => "any weighting of the weighted criteria".to_owned(),
    };
    let ranges = match uncertainty.ranged_ratings {
        0 => String::new(),
        1 => ", 1 rating within its range".to_owned(),
        count => format!(", {count} ratings within their ranges"),
    };
    let lowered = uncertainty
        .lowered_from
        .map(|default| {
            format!(
                "; fewer than the default {} for criteria this large, --samples sets the count",
                crate::problem::thousands(default)
            )
        })
        .unwrap_or_default();
    format!(
        "{} plausible weightings ({spread}{ranges}{lowered})",
        crate::problem::thousands(uncertainty.samples),
    )
}

/// "under all three methods", "under the weighted sum".
fn methods_phrase(uncertainty: &Uncertainty) -> String {
    match uncertainty.methods.as_slice() {
        [only] => format!("under the {}", method_name(only)),
        all if all.len() == 3 => "under all three methods".to_owned(),
        some => format!(
            "under {}",
            some.iter()
                .map(method_name)
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    }
}

fn method_name(figures: &MethodUncertainty) -> &'static str {
    figures.method.name()
}

/// The line under the verdict: how often the winner stays on top.
pub fn summary_line(model: &Model, verdict: &Verdict, uncertainty: &Uncertainty) -> String {
    let mut line = match (verdict, uncertainty.winner_everywhere) {
        (Verdict::Winner { alternative, .. }, Some(everywhere)) => {
            let mut line = format!(
                "Uncertainty: {} wins in {} of {}, {}",
                model.alternatives[*alternative].name,
                percent(everywhere),
                sampled(uncertainty),
                methods_phrase(uncertainty)
            );
            // Each method alone only says more when one differs.
            if uncertainty.methods.len() > 1
                && uncertainty
                    .methods
                    .iter()
                    .any(|figures| percent(figures.wins[*alternative]) != percent(everywhere))
            {
                let each: Vec<String> = uncertainty
                    .methods
                    .iter()
                    .map(|figures| {
                        format!(
                            "{} {}",
                            method_name(figures),
                            percent(figures.wins[*alternative])
                        )
                    })
                    .collect();
                line.push_str(&format!(" (each alone: {})", each.join(", ")));
            }
            line
        }
        _ => {
            let first = &uncertainty.methods[0];
            let mut winners: Vec<(usize, f64)> = first
                .wins
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, share)| *share > 0.0)
                .collect();
            winners.sort_by(|a, b| b.1.total_cmp(&a.1));
            let named: Vec<String> = winners
                .iter()
                .map(|&(alternative, share)| {
                    format!(
                        "{} {}",
                        model.alternatives[alternative].name,
                        percent(share)
                    )
                })
                .collect();
            let named = if named.is_empty() {
                "no alternative alone".to_owned()
            } else {
                named.join(", ")
            };
            format!(
                "Uncertainty: across {}, the {} puts first {named}",
                sampled(uncertainty),
                method_name(first)
            )
        }
    };
    if !uncertainty.left_out.is_empty() {
        let names: Vec<&str> = uncertainty.left_out.iter().map(|m| m.name()).collect();
        line.push_str(&format!(
            "; the {} is left out: it needs every weighted score above 0",
            names.join(" and ")
        ));
    }
    line.push('.');
    line
}

/// The `--explain` section: acceptability per method and rank, the
/// confidence factors, the central weights, and what the label asks.
pub fn write_explain(out: &mut dyn Write, advice: &Advice<'_>, layout: Layout) -> io::Result<()> {
    let Some(uncertainty) = advice.uncertainty else {
        return Ok(());
    };
    let model = advice.model;
    writeln!(out)?;
    let heading = "How sure (uncertainty analysis, SMAA-2)";
    writeln!(out, "{heading}")?;
    writeln!(out, "{}", "=".repeat(heading.chars().count()))?;
    write_paragraph(
        out,
        &format!(
            "{} Rank acceptability b(r): the share of samples in which an alternative ranks r-th; confidence: the share of score samples it wins with its central weights (1 or 0 when every score is exact).",
            summary_line(model, &advice.assessment.verdict, uncertainty)
        ),
        layout,
    )?;
    write_paragraph(
        out,
        &format!(
            "Seed {} (--seed changes it; the same seed gives the same figures).",
            uncertainty.seed
        ),
        layout,
    )?;
    let eligible: Vec<usize> = (0..model.alternatives.len())
        .filter(|&alternative| advice.scenario.is_eligible(alternative))
        .collect();
    for figures in &uncertainty.methods {
        writeln!(out)?;
        writeln!(out, "{}", figures.method.name())?;
        for &alternative in &eligible {
            let ranks: Vec<String> = figures.acceptability[alternative]
                .iter()
                .enumerate()
                .map(|(rank, share)| format!("b({}) {}", rank + 1, percent(*share)))
                .collect();
            let confidence = figures.confidence[alternative]
                .map(|share| format!(", confidence {}", percent(share)))
                .unwrap_or_default();
            write_paragraph(
                out,
                &format!(
                    "  {}: {}; first alone in {}{confidence}",
                    model.alternatives[alternative].name,
                    ranks.join(", "),
                    percent(figures.wins[alternative])
                ),
                layout,
            )?;
        }
    }
    // Central weights under the chosen method (the first one sampled):
    // one column per alternative that wins some sample.
    if let Some(figures) = uncertainty.methods.first() {
        let winners: Vec<(usize, &Vec<f64>)> = figures
            .central_weights
            .iter()
            .enumerate()
            .filter_map(|(alternative, weights)| weights.as_ref().map(|w| (alternative, w)))
            .collect();
        if !winners.is_empty() {
            writeln!(out)?;
            write_paragraph(
                out,
                &format!(
                    "Central weights ({}): the mean weighting of the samples each alternative wins, beside the answers' shares.",
                    figures.method.name()
                ),
                layout,
            )?;
            for (criterion, share) in advice.assessment.shares.iter().enumerate() {
                if *share == 0.0 {
                    continue;
                }
                let columns: Vec<String> = winners
                    .iter()
                    .map(|(alternative, weights)| {
                        format!(
                            "{} {:.1}%",
                            model.alternatives[*alternative].name,
                            weights[criterion] * 100.0
                        )
                    })
                    .collect();
                write_paragraph(
                    out,
                    &format!(
                        "  {}: answers {:.1}%; {}",
                        model.criteria[criterion].name,
                        share * 100.0,
                        columns.join(", ")
                    ),
                    layout,
                )?;
            }
        }
    }
    writeln!(out)?;
    write_paragraph(
        out,
        &format!(
            "The samples also set the label: decisive needs the winner first alone in at least {} of them under every method sampled, leaning in at least {} under the method in use.",
            percent(DECISIVE_SHARE),
            percent(LEANING_SHARE)
        ),
        layout,
    )?;
    Ok(())
}
