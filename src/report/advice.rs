//! The recommendation: a row per weighed criterion, a total row, the
//! verdict in one line, a bar per alternative, how firm the verdict is, and
//! what the answers ruled out.

use std::io::{self, Write};

use comfy_table::{Cell, Table};

use super::plain_table::{self, Cells, TextCell};
use super::{
    Layout, NO_LEADER, Paint, evidence, factor, fixed, leader_text, names, points, right,
    scale_text, score, write_paragraph, write_paragraph_painted,
};
use crate::answers::Answers;
use crate::engine::sensitivity::{AnswerFlip, CriterionSensitivity, Sensitivity, Stability};
use crate::engine::{Assessment, Method, Scenario, Verdict, WeightTrace};
use crate::model::{Kind, Model};

/// A line under the header and nothing between columns.
const COMPACT_STYLE: comfy_table::TableStyle =
    comfy_table::TableStyle::new().header_separator(comfy_table::LineStyle::none().fill('─'));

/// Widest a bar gets; narrower terminals get shorter bars.
const MAX_BAR_WIDTH: usize = 30;
/// Criterion names may wrap down to this width before the table drops to
/// the compact layout.
const MIN_NAME_WIDTH: usize = 16;
/// How many answer changes the summary names before pointing to --explain.
const ANSWER_FLIPS_SHOWN: usize = 3;

/// Everything an advice report shows, computed elsewhere.
pub struct Advice<'a> {
    pub model: &'a Model,
    pub answers: &'a Answers,
    pub scenario: &'a Scenario<'a>,
    pub assessment: &'a Assessment,
    pub sensitivity: &'a Sensitivity,
    /// How each criterion's weight came about, in model order.
    pub traces: &'a [WeightTrace],
    pub uncertainty: Option<&'a crate::engine::uncertainty::Uncertainty>,
}

impl<'a> Advice<'a> {
    pub fn new(
        model: &'a Model,
        answers: &'a Answers,
        analysis: &'a crate::engine::Analysis,
    ) -> Self {
        Self {
            model,
            answers,
            scenario: &analysis.scenario,
            assessment: &analysis.assessment,
            sensitivity: &analysis.sensitivity,
            traces: &analysis.traces,
            uncertainty: analysis.uncertainty.as_ref(),
        }
    }
}

pub fn write(out: &mut dyn Write, advice: &Advice<'_>, layout: Layout) -> io::Result<()> {
    let compact = layout
        .width
        .is_some_and(|width| narrowest_full_width(advice) > usize::from(width));
    let columns = if compact {
        Columns::Compact
    } else {
        Columns::Full
    };
    // Piped: the same bytes as comfy-table's, written row by row.
    let streamed = layout.width.is_none()
        && !layout.color
        && plain_table::write(out, &AdviceCells::new(advice, columns))?;
    if !streamed {
        writeln!(out, "{}", build_table(advice, layout, columns))?;
    }
    if compact {
        let note = format!(
            "Cells are {}. `pick-stack matrix` lists the scores.",
            contribution_meaning(advice.assessment.method)
        );
        write_paragraph(out, &note, layout)?;
    }
    let contributions = shown_contributions(advice);
    if let Some(note) = rounding_note(advice, &contributions, |value| {
        contribution_text(advice.assessment.method, value)
    }) {
        write_paragraph(out, note, layout)?;
    }
    if !compact && let Some(note) = leader_note(advice.model, advice.scenario) {
        write_paragraph(out, &note, layout)?;
    }
    write_evidence(out, advice, layout)?;
    writeln!(out)?;
    write_paragraph(out, &verdict_line(advice.model, advice.assessment), layout)?;
    writeln!(out)?;
    write_bars(out, advice, layout)?;
    write_ruled_out(out, advice, layout)?;
    write_stability(out, advice, layout)?;
    let unweighed: Vec<&str> = advice
        .model
        .criteria
        .iter()
        .zip(&advice.assessment.shares)
        .filter(|(_, share)| **share == 0.0)
        .map(|(criterion, _)| criterion.name.as_str())
        .collect();
    if !unweighed.is_empty() {
        writeln!(out)?;
        // A long list of criteria no answer brought in says little; the
        // matrix lists them all.
        let note = if unweighed.len() <= UNWEIGHED_NAMED {
            format!(
                "Not weighed for these answers (weight 0): {}.",
                unweighed.join(", ")
            )
        } else {
            format!(
                "Not weighed for these answers: {} criteria with weight 0 (`pick-stack matrix` lists every criterion).",
                unweighed.len()
            )
        };
        write_paragraph(out, &note, layout)?;
    }
    Ok(())
}

/// What the Leader column means when some alternatives are ruled out: the
/// best among the rest, or no leader at all when fewer than two are left.
pub(crate) fn leader_note(model: &Model, scenario: &Scenario<'_>) -> Option<String> {
    let eligible: Vec<usize> = (0..model.alternatives.len())
        .filter(|&index| scenario.is_eligible(index))
        .collect();
    let listed = names(&model.alternatives, &eligible);
    match eligible.len() {
        0 => Some(format!(
            "Leader: {NO_LEADER} in every row, as every alternative is ruled out."
        )),
        1 => Some(format!(
            "Leader: {NO_LEADER} in every row, as only {listed} is still in the running; the ruled-out alternatives' scores are shown for comparison."
        )),
        count if count < model.alternatives.len() => Some(format!(
            "Leader: the best score among {listed}, the alternatives still in the running."
        )),
        _ => None,
    }
}

/// How many unweighed criteria the report names before only counting them.
const UNWEIGHED_NAMED: usize = 8;

/// Under the table: which evidence layer the scores come from, and for
/// each weighed row marked †, the two layers' scores.
fn write_evidence(out: &mut dyn Write, advice: &Advice<'_>, layout: Layout) -> io::Result<()> {
    let model = advice.model;
    if !evidence::is_layered(model) {
        return Ok(());
    }
    writeln!(out)?;
    write_paragraph(out, &evidence::layer_sentence(model), layout)?;
    for (criterion, share) in advice.assessment.shares.iter().enumerate() {
        if *share == 0.0 {
            continue;
        }
        if let Some(note) = evidence::row_note(model, criterion, &advice.scenario.scores[criterion])
        {
            write_paragraph(out, &format!("  {} {note}", evidence::REVISED_MARK), layout)?;
        }
    }
    Ok(())
}

/// A criterion's name as a row shows it: marked when its evidence layers
/// differ.
pub(crate) fn row_name(model: &Model, criterion: usize) -> String {
    let name = &model.criteria[criterion].name;
    if model.revisions_of(criterion).is_empty() {
        name.clone()
    } else {
        format!("{name} {}", evidence::REVISED_MARK)
    }
}

/// Which columns the table has: score and contribution per alternative plus
/// the leader, or, when that does not fit the terminal, contributions alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Columns {
    Full,
    Compact,
}

/// What the per-alternative figure in a row is, by method.
fn contribution_header(method: Method) -> &'static str {
    match method {
        Method::WeightedSum => "points",
        Method::WeightedProduct => "factor",
        Method::Topsis => "value",
    }
}

fn contribution_meaning(method: Method) -> &'static str {
    match method {
        Method::WeightedSum => "points: weight × score",
        Method::WeightedProduct => "factors: score ^ weight",
        Method::Topsis => "weighted normalised values",
    }
}

/// Contributions as printed, each rounded on its own by the format: equal
/// inputs print alike, so a column may miss its total in the last digit
/// (see [`rounding_note`]).
pub(crate) fn shown_contributions(advice: &Advice<'_>) -> Vec<Vec<f64>> {
    advice
        .assessment
        .contributions(advice.model, advice.scenario)
        .to_rows()
}

/// The one line said under a table whose printed cells do not combine to
/// the printed totals (summed for the weighted sum, multiplied for the
/// weighted product; TOPSIS values are not combined that way). `cell`
/// formats a contribution as that table prints it.
pub(crate) fn rounding_note(
    advice: &Advice<'_>,
    contributions: &[Vec<f64>],
    cell: impl Fn(f64) -> String,
) -> Option<&'static str> {
    let assessment = advice.assessment;
    let method = assessment.method;
    if method == Method::Topsis {
        return None;
    }
    let shown_rows: Vec<&Vec<f64>> = contributions
        .iter()
        .zip(&assessment.shares)
        .filter(|(_, share)| **share > 0.0)
        .map(|(row, _)| row)
        .collect();
    let printed = |value: f64| cell(value).parse::<f64>().unwrap_or(value);
    let disagrees = assessment
        .totals
        .iter()
        .enumerate()
        .any(|(alternative, total)| {
            let cells = shown_rows.iter().map(|row| printed(row[alternative]));
            let combined = match method {
                Method::WeightedProduct => cells.product::<f64>(),
                _ => cells.sum::<f64>(),
            };
            cell(combined) != cell(*total)
        });
    disagrees.then_some(match method {
        Method::WeightedProduct => {
            "Each figure is rounded on its own; a total is the product of the unrounded factors, so the printed ones may not multiply to it exactly."
        }
        _ => {
            "Each figure is rounded on its own; a total is the sum of the unrounded points, so the printed ones may not add up to it exactly."
        }
    })
}

/// Shares as printed, in percent with `decimals` places, each rounded on its
/// own: equal weights must print alike, so no total is printed under them
/// (the totals that are printed, of points, add up exactly).
pub(crate) fn shown_shares(assessment: &Assessment, decimals: i32) -> Vec<f64> {
    let unit = 10f64.powi(decimals);
    assessment
        .shares
        .iter()
        .map(|share| (share * 100.0 * unit).round() / unit)
        .collect()
}

/// A total as printed: closeness and product with three decimals, sums with two.
pub(crate) fn total_text(method: Method, total: f64) -> String {
    match method {
        Method::WeightedSum => points(total),
        Method::WeightedProduct | Method::Topsis => fixed(total, 3),
    }
}

fn contribution_text(method: Method, value: f64) -> String {
    match method {
        Method::WeightedSum => points(value),
        Method::WeightedProduct => fixed(value, 3),
        Method::Topsis => fixed(value, 4),
    }
}

/// The table's cells: the header, a row per weighed criterion, and the
/// totals. comfy-table lays them out at a terminal; piped, they are written
/// row by row ([`plain_table`]), which gives the same bytes.
struct AdviceCells<'r, 'm> {
    advice: &'r Advice<'m>,
    full: bool,
    /// The weighed criteria, one per row.
    rows: Vec<usize>,
    shares: Vec<f64>,
    contributions: Vec<Vec<f64>>,
    eligible: Vec<bool>,
}

impl<'r, 'm> AdviceCells<'r, 'm> {
    fn new(advice: &'r Advice<'m>, columns: Columns) -> Self {
        let Advice {
            model,
            scenario,
            assessment,
            ..
        } = advice;
        AdviceCells {
            advice,
            full: columns == Columns::Full,
            rows: (0..model.criteria.len())
                .filter(|&index| assessment.shares[index] != 0.0)
                .collect(),
            shares: shown_shares(assessment, 1),
            contributions: shown_contributions(advice),
            eligible: (0..model.alternatives.len())
                .map(|alternative| scenario.is_eligible(alternative))
                .collect(),
        }
    }
}

/// Sets `cell` to `text` (reusing its string) and its alignment.
fn set(cell: &mut TextCell, right: bool, text: std::fmt::Arguments<'_>) {
    super::write_over(&mut cell.text, text);
    cell.right = right;
}

impl Cells for AdviceCells<'_, '_> {
    fn columns(&self) -> usize {
        let alternatives = self.advice.model.alternatives.len();
        if self.full {
            2 + 2 * alternatives + 1
        } else {
            2 + alternatives
        }
    }

    fn header(&self, cells: &mut [TextCell]) {
        let Advice {
            model,
            scenario,
            assessment,
            ..
        } = self.advice;
        let mut cells = cells.iter_mut();
        let mut next = || cells.next().expect("as many cells as columns");
        set(next(), false, format_args!("Criterion"));
        set(next(), false, format_args!("Weight"));
        for (index, alternative) in model.alternatives.iter().enumerate() {
            let marker = if scenario.is_eligible(index) {
                ""
            } else {
                " (ruled out)"
            };
            let name = &alternative.name;
            if self.full {
                set(next(), false, format_args!("{name}{marker}\nscore"));
                let header = contribution_header(assessment.method);
                set(next(), false, format_args!("{name}{marker}\n{header}"));
            } else {
                set(next(), false, format_args!("{name}{marker}"));
            }
        }
        if self.full {
            set(next(), false, format_args!("Leader"));
        }
    }

    fn rows(&self) -> usize {
        self.rows.len() + 1
    }

    fn row(&self, row: usize, cells: &mut [TextCell]) {
        let Advice {
            model,
            scenario,
            assessment,
            ..
        } = self.advice;
        let method = assessment.method;
        let mut cells = cells.iter_mut();
        let mut next = || cells.next().expect("as many cells as columns");
        let Some(&index) = self.rows.get(row) else {
            // The totals.
            let label = match method {
                Method::WeightedSum => "Total (sum)",
                Method::WeightedProduct => "Total (product)",
                Method::Topsis => "Closeness",
            };
            set(next(), false, format_args!("{label}"));
            set(next(), false, format_args!(""));
            for value in &assessment.totals {
                if self.full {
                    set(next(), false, format_args!(""));
                }
                set(next(), true, format_args!("{}", total_text(method, *value)));
            }
            if self.full {
                let top = match &assessment.verdict {
                    Verdict::Winner { alternative, .. } => &model.alternatives[*alternative].name,
                    Verdict::Tie { .. } => "tie",
                    Verdict::NoneEligible => "none",
                };
                set(next(), false, format_args!("{top}"));
            }
            return;
        };
        let scores = &scenario.scores[index];
        set(next(), false, format_args!("{}", row_name(model, index)));
        set(next(), true, format_args!("{:.1}%", self.shares[index]));
        for (alternative, value) in scores.iter().enumerate() {
            if self.full {
                set(next(), true, format_args!("{}", score(*value)));
            }
            let contribution = self.contributions[index][alternative];
            set(
                next(),
                true,
                format_args!("{}", contribution_text(method, contribution)),
            );
        }
        if self.full {
            let leader = leader_text(
                &model.alternatives,
                scores,
                model.kinds[index],
                &self.eligible,
            );
            set(next(), false, format_args!("{leader}"));
        }
    }
}

fn build_table(advice: &Advice<'_>, layout: Layout, columns: Columns) -> Table {
    let full = columns == Columns::Full;
    let mut table = layout.table();
    if !full {
        // No vertical rules and no junctions: every column gains the width
        // of its border, which a 40-column terminal needs for the names.
        table.load_style(COMPACT_STYLE);
    }
    let cells = AdviceCells::new(advice, columns);
    let mut buffer = vec![TextCell::default(); cells.columns()];
    let comfy = |cell: &TextCell| {
        if cell.right {
            right(cell.text.clone())
        } else {
            Cell::new(&cell.text)
        }
    };
    cells.header(&mut buffer);
    table.set_header(buffer.iter().map(comfy).collect::<Vec<_>>());
    for row in 0..cells.rows() {
        cells.row(row, &mut buffer);
        let mut shown: Vec<Cell> = buffer.iter().map(comfy).collect();
        // The winner's name under Leader; styled cells print plain unless
        // the layout enforces colour.
        if full
            && row + 1 == cells.rows()
            && matches!(advice.assessment.verdict, Verdict::Winner { .. })
            && let Some(last) = shown.pop()
        {
            shown.push(
                last.fg(comfy_table::Color::Green)
                    .add_attribute(comfy_table::Attribute::Bold),
            );
        }
        table.add_row(shown);
    }
    if !full {
        // Figures keep their natural width; the criterion names wrap instead.
        for column in table.column_iter_mut().skip(1) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
    table
}

/// How narrow the full table can get with only the criterion names wrapping.
fn narrowest_full_width(advice: &Advice<'_>) -> usize {
    let mut widths = plain_table::widths(&AdviceCells::new(advice, Columns::Full));
    if let Some(names) = widths.first_mut() {
        *names = (*names).min(MIN_NAME_WIDTH);
    }
    // Each column has one space of padding on either side, plus one border
    // character between and around the columns.
    widths.iter().map(|width| width + 3).sum::<usize>() + 1
}

/// The verdict in one sentence, e.g. "Verdict: Python, 8.58 to 5.16 for
/// Node.js: a margin of 3.42 on the 0–10 scale."
pub fn verdict_line(model: &Model, assessment: &Assessment) -> String {
    let method = assessment.method;
    let name = |index: usize| model.alternatives[index].name.as_str();
    let total = |index: usize| total_text(method, assessment.totals[index]);
    match &assessment.verdict {
        Verdict::Winner {
            alternative,
            runner_up: None,
            ..
        } => format!(
            "Verdict: {}, the only alternative not ruled out ({} {}).",
            name(*alternative),
            total(*alternative),
            total_noun(method)
        ),
        Verdict::Winner {
            alternative,
            runner_up: Some(runner_up),
            margin,
        } => {
            let lead = format!(
                "Verdict: {}, {} to {} for {}",
                name(*alternative),
                total(*alternative),
                total(*runner_up),
                name(*runner_up)
            );
            match method {
                Method::WeightedSum => format!(
                    "{lead}: a margin of {} on the {} scale.",
                    points(*margin),
                    scale_text(model.scale)
                ),
                Method::WeightedProduct => format!(
                    "{lead} by weighted product: a ratio of {:.3}.",
                    assessment.totals[*alternative] / assessment.totals[*runner_up]
                ),
                Method::Topsis => {
                    format!("{lead} in closeness to the ideal (TOPSIS): a gap of {margin:.3}.")
                }
            }
        }
        Verdict::Tie {
            alternatives,
            total,
        } => format!(
            "Verdict: a tie: {} each score {} ({}).",
            names(&model.alternatives, alternatives),
            total_text(method, *total),
            total_noun(method)
        ),
        Verdict::NoneEligible => {
            "Verdict: none: every alternative is ruled out by the answers (see below).".to_owned()
        }
    }
}

fn total_noun(method: Method) -> &'static str {
    match method {
        Method::WeightedSum => "weighted sum",
        Method::WeightedProduct => "weighted product",
        Method::Topsis => "TOPSIS closeness",
    }
}

/// A bar per alternative, best first, all on one stated scale: the model's
/// scale for the weighted sum and product (with weights that sum to 1 the
/// product is a weighted geometric mean of the scores, so it lies on the
/// scale too), closeness from 0 to 1 for TOPSIS.
fn write_bars(out: &mut dyn Write, advice: &Advice<'_>, layout: Layout) -> io::Result<()> {
    let Advice {
        model, assessment, ..
    } = advice;
    let name_width = model
        .alternatives
        .iter()
        .map(|alternative| alternative.name.chars().count())
        .max()
        .unwrap_or(0);
    // Two spaces of indent, the name, a space, the bar, two spaces, "10.000".
    let room = layout.width.map_or(MAX_BAR_WIDTH, |width| {
        usize::from(width).saturating_sub(name_width + 11)
    });
    let bar_width = room.clamp(5, MAX_BAR_WIDTH);
    // A cost criterion enters the product as 1/score, which takes the
    // product off the scale: then the bars are relative to the best.
    let product_off_scale = assessment.method == Method::WeightedProduct
        && (0..model.criteria.len()).any(|criterion| {
            assessment.shares[criterion] > 0.0 && model.kinds[criterion] == Kind::Cost
        });
    let best = assessment
        .ranking
        .first()
        .map_or(1.0, |&index| assessment.totals[index]);
    let (low, high) = match assessment.method {
        Method::WeightedProduct if product_off_scale => (0.0, best),
        Method::WeightedSum | Method::WeightedProduct => (model.scale.min, model.scale.max),
        Method::Topsis => (0.0, 1.0),
    };
    for &index in &assessment.ranking {
        let total = assessment.totals[index];
        // The difference, not the range, so that a scale of ±1e308 (whose
        // width is past f64's range) still places the bar.
        let fraction = if high > low {
            (total / 2.0 - low / 2.0) / (high / 2.0 - low / 2.0)
        } else {
            0.0
        };
        let fraction = if fraction.is_nan() {
            0.0
        } else {
            fraction.clamp(0.0, 1.0)
        };
        let filled = (fraction * bar_width as f64).round() as usize;
        let line = format!(
            "  {:<name_width$} {}{}  {}",
            model.alternatives[index].name,
            "█".repeat(filled),
            "░".repeat(bar_width - filled),
            total_text(assessment.method, total),
        );
        let winner = matches!(assessment.verdict, Verdict::Winner { alternative, .. } if alternative == index);
        if winner {
            writeln!(out, "{}", layout.paint(&line, Paint::Winner))?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    let scale = match assessment.method {
        Method::Topsis => "bars on closeness from 0 to 1".to_owned(),
        Method::WeightedProduct if product_off_scale => {
            "bars relative to the highest product (a cost criterion enters it as 1/score, off the scale)".to_owned()
        }
        Method::WeightedSum | Method::WeightedProduct => {
            format!("bars on the {} scale", scale_text(model.scale))
        }
    };
    if !assessment.ranking.is_empty() {
        writeln!(out, "  {:<name_width$} {scale}", "")?;
    }
    Ok(())
}

fn write_ruled_out(out: &mut dyn Write, advice: &Advice<'_>, layout: Layout) -> io::Result<()> {
    let Advice {
        model, scenario, ..
    } = advice;
    for (alternative, ruled_out) in scenario.ruled_out.iter().enumerate() {
        let Some(ruled_out) = ruled_out else { continue };
        let question = &model.questions[ruled_out.question];
        let line = format!(
            "  {} is ruled out: {} (answer {} = {})",
            model.alternatives[alternative].name,
            ruled_out.reason(model, alternative).trim_end_matches('.'),
            question.id,
            question.choices[ruled_out.choice].id
        );
        write_paragraph_painted(out, &line, layout, Some(Paint::Warning))?;
    }
    Ok(())
}

/// The stability label and the nearest changes that would alter the top.
fn write_stability(out: &mut dyn Write, advice: &Advice<'_>, layout: Layout) -> io::Result<()> {
    let Advice {
        model, sensitivity, ..
    } = advice;
    writeln!(out)?;
    let line = stability_line(advice);
    let paint = match sensitivity.stability {
        Stability::CloseCall | Stability::Tie | Stability::NoneEligible => Some(Paint::Warning),
        Stability::Decisive | Stability::Leaning => None,
    };
    write_paragraph_painted(out, &line, layout, paint)?;
    if let Some(uncertainty) = advice.uncertainty {
        let line = super::uncertainty::summary_line(model, &advice.assessment.verdict, uncertainty);
        write_paragraph(out, &line, layout)?;
    }
    if let Some(advice_text) = taste_advice(advice) {
        write_paragraph(out, advice_text, layout)?;
    }
    if !sensitivity.answer_flips.is_empty() {
        let shown: Vec<String> = sensitivity
            .answer_flips
            .iter()
            .take(ANSWER_FLIPS_SHOWN)
            .map(|flip| {
                format!(
                    "{} → {}",
                    flip_labels(model, flip),
                    top_names(model, &flip.verdict)
                )
            })
            .collect();
        let more = sensitivity
            .answer_flips
            .len()
            .saturating_sub(ANSWER_FLIPS_SHOWN);
        let mut line = format!("Answers that would change the top: {}", shown.join("; "));
        if more > 0 {
            line.push_str(&format!("; {more} more (--explain lists them)"));
        }
        line.push('.');
        write_paragraph(out, &line, layout)?;
    }
    if let Some(note) = unchecked_note(sensitivity.answers_unchecked) {
        write_paragraph(out, &note, layout)?;
    }
    Ok(())
}

/// Said when the search for answers that change the top stopped before
/// every answer was tried (see `sensitivity::answer_flips`).
pub(crate) fn unchecked_note(unchecked: usize) -> Option<String> {
    (unchecked > 0).then(|| {
        format!(
            "{} other answers were not checked for whether they change the top: the questions' follow-ups are entangled enough that trying each would take far longer than reading the criteria, and pick-stack stops there.",
            crate::problem::thousands(unchecked)
        )
    })
}

/// "ai = own (with ml_work = train)": the changed answer and the
/// follow-ups it brings in at defaults that change something (a neutral
/// default adds nothing to the reason).
pub(crate) fn flip_answers(model: &Model, flip: &AnswerFlip) -> String {
    let id = |question: usize, choice: usize| {
        let entry = &model.questions[question];
        format!("{} = {}", entry.id, entry.choices[choice].id)
    };
    let mut text = id(flip.question, flip.choice);
    let follow_ups: Vec<(usize, usize)> = effective_follow_ups(model, flip).collect();
    if !follow_ups.is_empty() {
        let listed =
            crate::problem::listing(&follow_ups, |&(question, choice)| id(question, choice));
        text.push_str(&format!(" (with {listed})"));
    }
    text
}

/// A flip as a reader of the summary takes it in: each answer's label and
/// the question's id, `“Mostly JavaScript or TypeScript” for team_skills`,
/// with the follow-ups it brings in the same way. `--explain` and the JSON
/// give the ids for a file.
pub(crate) fn flip_labels(model: &Model, flip: &AnswerFlip) -> String {
    let label = |question: usize, choice: usize| {
        let entry = &model.questions[question];
        format!("“{}” for {}", entry.choices[choice].label, entry.id)
    };
    let mut text = label(flip.question, flip.choice);
    let follow_ups: Vec<(usize, usize)> = effective_follow_ups(model, flip).collect();
    if !follow_ups.is_empty() {
        let listed =
            crate::problem::listing(&follow_ups, |&(question, choice)| label(question, choice));
        text.push_str(&format!(" (with {listed})"));
    }
    text
}

/// The follow-ups a flip brings in whose default changes something.
pub(crate) fn effective_follow_ups<'f>(
    model: &'f Model,
    flip: &'f AnswerFlip,
) -> impl Iterator<Item = (usize, usize)> + 'f {
    flip.follow_ups
        .iter()
        .copied()
        .filter(|&(question, choice)| model.questions[question].choices[choice].has_effect())
}

/// What to do with a verdict the answers do not settle: the contest is
/// between the first two, whether or not others are in the running.
pub(crate) fn taste_advice(advice: &Advice<'_>) -> Option<&'static str> {
    match advice.sensitivity.stability {
        Stability::CloseCall | Stability::Tie => {
            let eligible = (0..advice.model.alternatives.len())
                .filter(|&alternative| advice.scenario.is_eligible(alternative))
                .count();
            Some(if eligible > 2 {
                "The answers do not separate the first two by much: either of them is a sound choice, and the team's own preference is a fair way to decide."
            } else {
                "The answers do not separate the two by much: either is a sound choice, and the team's own preference is a fair way to decide."
            })
        }
        Stability::Decisive | Stability::Leaning | Stability::NoneEligible => None,
    }
}

/// "Stability: leaning (lead of 5.6% of the scale; nearest weight change
/// that alters the top: Syntax ×2.40 (Python would lead))."
pub(crate) fn stability_line(advice: &Advice<'_>) -> String {
    let Advice {
        model,
        assessment,
        sensitivity,
        ..
    } = advice;
    let mut line = format!("Stability: {}", sensitivity.stability.label());
    if let Some(margin) = assessment.relative_margin(model) {
        line.push_str(&format!(
            " (lead of {:.1}% {}",
            margin * 100.0,
            margin_unit(assessment.method)
        ));
        match nearest_flip(&sensitivity.criteria) {
            Some((criterion, entry)) => line.push_str(&format!(
                "; nearest weight change that alters the top: {} {})",
                model.criteria[criterion].name,
                flip_phrase(model, entry)
            )),
            None => line.push_str("; no change of one criterion's weight alone alters the top)"),
        }
    }
    line.push('.');
    line
}

fn margin_unit(method: Method) -> &'static str {
    match method {
        Method::WeightedSum => "of the scale",
        Method::WeightedProduct => "of the leader's product",
        Method::Topsis => "in closeness",
    }
}

/// The criterion whose weight needs the smallest change to alter the top.
pub(crate) fn nearest_flip(
    criteria: &[CriterionSensitivity],
) -> Option<(usize, &CriterionSensitivity)> {
    criteria
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.nearest_factor().is_finite())
        .min_by(|(_, a), (_, b)| a.nearest_factor().total_cmp(&b.nearest_factor()))
}

/// "×2.40 (Python would lead)" or "×0.38 (…)" — the nearer of the two.
pub(crate) fn flip_phrase(model: &Model, entry: &CriterionSensitivity) -> String {
    let raise = entry.raise.map(|flip| (flip.at, flip));
    let lower = entry.lower.map(|flip| (1.0 / flip.at, flip));
    let nearer = match (raise, lower) {
        (Some(raise), Some(lower)) => Some(if raise.0 <= lower.0 { raise.1 } else { lower.1 }),
        (Some(raise), None) => Some(raise.1),
        (None, Some(lower)) => Some(lower.1),
        (None, None) => None,
    };
    match nearer {
        Some(flip) => format!(
            "×{} ({} would lead)",
            factor(flip.at),
            model.alternatives[flip.new_leader].name
        ),
        None => "none".to_owned(),
    }
}

pub(crate) fn top_names(model: &Model, verdict: &Verdict) -> String {
    match verdict {
        Verdict::Winner { alternative, .. } => model.alternatives[*alternative].name.clone(),
        Verdict::Tie { alternatives, .. } => {
            format!("a tie of {}", names(&model.alternatives, alternatives))
        }
        Verdict::NoneEligible => "nothing eligible".to_owned(),
    }
}
