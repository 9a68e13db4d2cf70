//! The charts of an advice report as SVG, shared by `--format html` (inline)
//! and `advise --adr` (files beside the record), for one person's answers
//! and a team's alike ([`Charted`]): the points each criterion gives each
//! alternative, and how far each weight may move before the verdict
//! changes (a tornado chart). They read the assessment and the flips the
//! engine found; nothing is computed here but positions.
//!
//! Every text from a file goes through [`super::html::escape`], and none
//! reaches an attribute that is not plain text (`class` names and
//! positions are pick-stack's own), so a name cannot open an element, a
//! script or a link.

use std::fmt::Write;

use super::advice::Advice;
use super::html::escape;
use super::{factor, score};
use crate::engine::sensitivity::{CriterionSensitivity, DECISIVE_FACTOR, Flip};
use crate::engine::{Assessment, Method, Scenario};
use crate::model::Model;
use crate::team::Team;

/// What the charts read, from one person's advice or a team's decision:
/// the model (escaped for people), the scenario (which alternatives are
/// ruled out), the assessment, and each criterion's flips in model order.
#[derive(Clone, Copy)]
pub(crate) struct Charted<'a> {
    pub model: &'a Model,
    pub scenario: &'a Scenario<'a>,
    pub assessment: &'a Assessment,
    pub flips: &'a [CriterionSensitivity],
}

impl<'a> Charted<'a> {
    /// A team's charts: its aggregated weights' assessment and flips, with
    /// `model` the one its names are shown from.
    pub fn team(model: &'a Model, team: &'a Team<'_>) -> Self {
        Charted {
            model,
            scenario: &team.scenario,
            assessment: &team.assessment,
            flips: &team.flips,
        }
    }
}

impl<'a> From<&Advice<'a>> for Charted<'a> {
    fn from(advice: &Advice<'a>) -> Self {
        Charted {
            model: advice.model,
            scenario: advice.scenario,
            assessment: advice.assessment,
            flips: &advice.sensitivity.criteria,
        }
    }
}

/// The drawing's width in user units; it scales to its container.
const WIDTH: f64 = 720.0;
/// Room for the criterion names on the left.
const LABEL_WIDTH: f64 = 210.0;
/// Room for a figure after a bar.
const VALUE_WIDTH: f64 = 64.0;
/// Characters of a name shown before it is cut with "…" (the full name
/// is in the bar's tooltip and in the table).
const LABEL_CHARS: usize = 30;
const BAR_HEIGHT: f64 = 12.0;
const BAR_GAP: f64 = 3.0;
const GROUP_GAP: f64 = 12.0;
const LEGEND_HEIGHT: f64 = 26.0;
/// How many colours the palette has before it repeats.
pub(crate) const PALETTE_SIZE: usize = 8;
/// Most criteria a chart draws. A file of 10,000 criteria would otherwise
/// draw a chart millions of units tall that no one reads (and a page of
/// 200 MB); past this many, each chart keeps the criteria that tell the
/// most and its caption says how many it left out.
pub(crate) const CHART_ROWS: usize = 25;
/// The tornado's axis runs from ÷TORNADO_RANGE to ×TORNADO_RANGE, on a log
/// scale: a weight that must move further is drawn to the edge.
const TORNADO_RANGE: f64 = 16.0;

/// The palette and text colours, for a chart that stands alone (an SVG
/// file): Okabe and Ito's colour-blind-safe palette, with a dark scheme.
/// The HTML report's stylesheet carries the same rules.
pub(crate) const STYLE: &str = "\
.chart{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:12px}
.chart text{fill:#1a1a1a}
.chart .axis{stroke:#555;stroke-width:1}
.chart .guide{stroke:#999;stroke-width:1;stroke-dasharray:3 3}
.chart .none{fill:#bbb;fill-opacity:.45}
.chart .muted{fill:#555}
.alt-0{fill:#0072B2}.alt-1{fill:#E69F00}.alt-2{fill:#009E73}.alt-3{fill:#CC79A7}
.alt-4{fill:#56B4E9}.alt-5{fill:#D55E00}.alt-6{fill:#F0E442}.alt-7{fill:#999999}
@media (prefers-color-scheme:dark){
.chart-file{background:#16181d}
.chart text{fill:#e8e8e8}
.chart .axis{stroke:#bbb}
.chart .muted{fill:#bbb}
.alt-0{fill:#56B4E9}.alt-4{fill:#0072B2}
}";

/// Whether a chart is drawn into a page, whose stylesheet styles it, or
/// as a file of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    Inline,
    File,
}

/// A chart: the SVG markup, and the sentence that says what it shows
/// (the figure's caption, the file's description).
pub(crate) struct Chart {
    pub svg: String,
    pub caption: String,
}

fn class(alternative: usize) -> String {
    format!("alt-{}", alternative % PALETTE_SIZE)
}

/// `text` cut to `chars` characters, with "…" where it was cut.
fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let mut kept: String = text.chars().take(chars.saturating_sub(1)).collect();
    kept.push('…');
    kept
}

/// A coordinate as SVG reads it: finite, two decimals.
fn at(value: f64) -> String {
    if value.is_finite() {
        format!("{value:.2}")
    } else {
        "0".to_owned()
    }
}

fn open(out: &mut dyn Write, id: &str, height: f64, title: &str, desc: &str, placement: Placement) {
    let file = placement == Placement::File;
    let _ = write!(
        out,
        "<svg{} class=\"chart{}\" id=\"{id}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"{}>",
        if file {
            " xmlns=\"http://www.w3.org/2000/svg\""
        } else {
            ""
        },
        if file { " chart-file" } else { "" },
        at(WIDTH),
        at(height),
        if file {
            format!(" width=\"{}\" height=\"{}\"", at(WIDTH), at(height))
        } else {
            String::new()
        },
    );
    if file {
        let _ = write!(out, "<style>{STYLE}</style>");
    }
    let _ = write!(
        out,
        "<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
}

/// One swatch and name per alternative along the top; returns the height
/// used.
fn legend(out: &mut String, names: &[(usize, &str)], y: f64) -> f64 {
    let mut x = LABEL_WIDTH;
    let mut row = 0.0;
    for &(alternative, name) in names {
        let shown = cut(name, 36);
        let width = 22.0 + 7.0 * shown.chars().count() as f64 + 18.0;
        if x + width > WIDTH && x > LABEL_WIDTH {
            x = LABEL_WIDTH;
            row += 18.0;
        }
        let _ = write!(
            out,
            "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\"/><text x=\"{}\" y=\"{}\">{}</text>",
            class(alternative),
            at(x),
            at(y + row),
            at(x + 17.0),
            at(y + row + 10.5),
            escape(&shown)
        );
        x += width;
    }
    row + LEGEND_HEIGHT
}

/// What one contribution is, by method, for captions.
fn contribution_noun(method: Method) -> &'static str {
    match method {
        Method::WeightedSum => "points (weight × score)",
        Method::WeightedProduct => "factors (score ^ weight)",
        Method::Topsis => "weighted normalised values",
    }
}

/// A contribution as the chart labels it (the table's rounding).
fn contribution_label(method: Method, value: f64) -> String {
    match method {
        Method::WeightedSum => super::fixed(value, 2),
        Method::WeightedProduct => super::fixed(value, 3),
        Method::Topsis => super::fixed(value, 4),
    }
}

/// For each weighed criterion, each alternative's contribution as a bar:
/// where the lead comes from.
pub(crate) fn contributions(charted: Charted<'_>, placement: Placement) -> Chart {
    let mut svg = String::new();
    let caption = write_contributions(&mut svg, charted, placement);
    Chart { svg, caption }
}

/// Draws the contributions chart into `out` as it goes (a page for 10,000
/// criteria draws half a million bars) and returns its caption.
pub(crate) fn write_contributions(
    out: &mut dyn Write,
    charted: Charted<'_>,
    placement: Placement,
) -> String {
    let Charted {
        model,
        scenario,
        assessment,
        ..
    } = charted;
    let method = assessment.method;
    let values = assessment.contributions(model, scenario).to_rows();
    let weighed: Vec<usize> = (0..model.criteria.len())
        .filter(|&criterion| assessment.shares[criterion] > 0.0)
        .collect();
    let rows = separating_rows(&weighed, &values, method, scenario);
    let alternatives = model.alternatives.len();
    let finite = |value: f64| if value.is_finite() { value } else { 0.0 };
    let (low, high) = rows
        .iter()
        .flat_map(|&criterion| values[criterion].iter().copied().map(finite))
        .fold((0.0f64, 0.0f64), |(low, high), value| {
            (low.min(value), high.max(value))
        });
    let span = if high > low { high - low } else { 1.0 };
    let bar_room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let x_of = |value: f64| LABEL_WIDTH + (finite(value) - low) / span * bar_room;
    let group_height = alternatives as f64 * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + GROUP_GAP;

    // A ruled-out alternative's points are drawn for comparison, as the
    // table shows them, and marked so.
    let names: Vec<(usize, String)> = model
        .alternatives
        .iter()
        .enumerate()
        .map(|(index, alternative)| {
            let marker = if scenario.is_eligible(index) {
                ""
            } else {
                " (ruled out)"
            };
            (index, format!("{}{marker}", alternative.name))
        })
        .collect();
    let names: Vec<(usize, &str)> = names
        .iter()
        .map(|(index, name)| (*index, name.as_str()))
        .collect();
    let mut legend_svg = String::new();
    let top = 8.0 + legend(&mut legend_svg, &names, 8.0);
    // The description reads out every figure, and comes before the bars.
    let desc: Vec<String> = rows
        .iter()
        .map(|&criterion| {
            let figures: Vec<String> = values[criterion]
                .iter()
                .enumerate()
                .map(|(alternative, &value)| {
                    let label = contribution_label(method, value);
                    format!("{} {label}", model.alternatives[alternative].name)
                })
                .collect();
            format!("{}: {}", model.criteria[criterion].name, figures.join(", "))
        })
        .collect();
    let height = top + rows.len() as f64 * group_height + 4.0;
    let mut caption = format!(
        "Each criterion's {} for each alternative; the totals are their {}.",
        contribution_noun(method),
        match method {
            Method::WeightedSum => "sums",
            Method::WeightedProduct => "products",
            Method::Topsis => "distances to the ideal and anti-ideal points, combined",
        }
    );
    if rows.len() < weighed.len() {
        caption.push_str(&format!(
            " Only the {} of the {} weighed criteria that separate the alternatives most are drawn, in the file's order; the JSON report (--format json) has every criterion's contributions.",
            rows.len(),
            weighed.len()
        ));
    }
    open(
        out,
        "contributions",
        height,
        &format!("Where the lead comes from: {}", contribution_noun(method)),
        &format!("{caption} {}.", desc.join("; ")),
        placement,
    );
    drop(desc);
    let _ = out.write_str(&legend_svg);
    for (row, &criterion) in rows.iter().enumerate() {
        let name = &model.criteria[criterion].name;
        let y = top + row as f64 * group_height;
        let middle = y + (group_height - GROUP_GAP) / 2.0;
        // A page whose reader went away stops drawing at the next row.
        let drawn = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
            at(LABEL_WIDTH - 8.0),
            at(middle),
            escape(&cut(name, LABEL_CHARS))
        );
        if drawn.is_err() {
            return caption;
        }
        for (alternative, &value) in values[criterion].iter().enumerate() {
            let bar_y = y + alternative as f64 * (BAR_HEIGHT + BAR_GAP);
            let (from, to) = (x_of(0.0), x_of(value));
            let label = contribution_label(method, value);
            let alternative_name = &model.alternatives[alternative].name;
            let _ = write!(
                out,
                "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" data-figure=\"contribution\" data-criterion=\"{}\" data-alternative=\"{}\" data-value=\"{}\"><title>{}: {} {}</title></rect>",
                class(alternative),
                at(from.min(to)),
                at(bar_y),
                at((to - from).abs().max(0.5)),
                at(BAR_HEIGHT),
                escape(&model.criteria[criterion].id),
                escape(&model.alternatives[alternative].id),
                value,
                escape(name),
                escape(alternative_name),
                escape(&label),
            );
            let _ = write!(
                out,
                "<text class=\"muted\" x=\"{}\" y=\"{}\" dominant-baseline=\"middle\">{}</text>",
                at(from.max(to) + 4.0),
                at(bar_y + BAR_HEIGHT / 2.0),
                escape(&label)
            );
        }
    }
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
        at(x_of(0.0)),
        at(top - 4.0),
        at(height - GROUP_GAP + 4.0)
    );
    let _ = out.write_str("</svg>");
    caption
}

/// Of the weighed criteria (in the file's order), the at most
/// [`CHART_ROWS`] whose contributions separate the eligible alternatives
/// (all of them, when fewer than two are) most, still in that order: the widest gap between the highest
/// and lowest contribution, as a ratio for the weighted product (whose
/// factors multiply), as a difference otherwise. Equal gaps keep the
/// table's order. All of them when they fit.
fn separating_rows(
    weighed: &[usize],
    values: &[Vec<f64>],
    method: Method,
    scenario: &Scenario<'_>,
) -> Vec<usize> {
    if weighed.len() <= CHART_ROWS {
        return weighed.to_vec();
    }
    let alternatives = values.first().map_or(0, Vec::len);
    let mut eligible: Vec<usize> = (0..alternatives)
        .filter(|&alternative| scenario.is_eligible(alternative))
        .collect();
    // With one alternative left, nothing separates it: the gaps between
    // all of them, as the chart draws them, decide instead.
    if eligible.len() < 2 {
        eligible = (0..alternatives).collect();
    }
    let gap = |criterion: usize| {
        let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
        for &alternative in &eligible {
            let value = values[criterion][alternative];
            let value = match method {
                Method::WeightedProduct => value.ln(),
                Method::WeightedSum | Method::Topsis => value,
            };
            if !value.is_nan() {
                low = low.min(value);
                high = high.max(value);
            }
        }
        let gap = high - low;
        // A factor of 0 (an infinite ratio) separates most; no figure, least.
        if gap.is_nan() { 0.0 } else { gap.max(0.0) }
    };
    let gaps: Vec<f64> = weighed.iter().map(|&criterion| gap(criterion)).collect();
    let mut order: Vec<usize> = (0..weighed.len()).collect();
    // Stable: equal gaps keep the table's order.
    order.sort_by(|&a, &b| gaps[b].total_cmp(&gaps[a]));
    order.truncate(CHART_ROWS);
    order.sort_unstable();
    order.into_iter().map(|index| weighed[index]).collect()
}

/// Where a factor falls on the tornado's log axis, from -1 (÷range) to 1
/// (×range).
pub(crate) fn log_position(at: f64) -> f64 {
    // 0, a negative, NaN or infinity: to the end it points at.
    if at.is_nan() || at <= 0.0 || at.is_infinite() {
        return if at > 1.0 { 1.0 } else { -1.0 };
    }
    (at.log2() / TORNADO_RANGE.log2()).clamp(-1.0, 1.0)
}

/// The weighed criteria, most sensitive first: the order of a tornado.
pub(crate) fn tornado_rows(charted: Charted<'_>) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..charted.model.criteria.len())
        .filter(|&criterion| charted.assessment.shares[criterion] > 0.0)
        .collect();
    let criteria = charted.flips;
    // Stable: equally sensitive criteria keep the table's order.
    rows.sort_by(|&a, &b| {
        criteria[a]
            .nearest_factor()
            .total_cmp(&criteria[b].nearest_factor())
    });
    rows
}

/// "×4.16" (a rise), "÷2.10" (a fall), or "never".
pub(crate) fn flip_label(flip: Option<Flip>, raise: bool) -> String {
    match flip {
        Some(flip) => format!(
            "{}{}",
            if raise { "×" } else { "÷" },
            factor(if raise { flip.at } else { 1.0 / flip.at })
        ),
        None => "never".to_owned(),
    }
}

/// For each weighed criterion, how far its weight may fall (left) or rise
/// (right) before another alternative leads, on a log scale; the bar's
/// colour is the alternative that would lead there.
pub(crate) fn tornado(charted: Charted<'_>, placement: Placement) -> Chart {
    let mut svg = String::new();
    let caption = write_tornado(&mut svg, charted, placement);
    Chart { svg, caption }
}

/// One side of a tornado bar: its label, and who would lead past it.
fn tornado_side(model: &Model, flip: Option<Flip>, raise: bool) -> (String, Option<String>) {
    let direction = flip.map(|flip| {
        format!(
            "{} would lead",
            model.alternatives[flip.new_leader].name.as_str()
        )
    });
    (flip_label(flip, raise), direction)
}

/// Draws the tornado chart into `out` as it goes and returns its caption.
pub(crate) fn write_tornado(
    out: &mut dyn Write,
    charted: Charted<'_>,
    placement: Placement,
) -> String {
    let Charted { model, flips, .. } = charted;
    let mut rows = tornado_rows(charted);
    let weighed = rows.len();
    rows.truncate(CHART_ROWS);
    let half = (WIDTH - LABEL_WIDTH - 2.0 * VALUE_WIDTH) / 2.0;
    let centre = LABEL_WIDTH + VALUE_WIDTH + half;
    let x_of = |factor: f64| centre + log_position(factor) * half;
    let row_height = BAR_HEIGHT + 2.0 * BAR_GAP + 4.0;

    let mut head = String::new();
    // A legend of the alternatives that some change would put on top.
    let mut leaders: Vec<usize> = rows
        .iter()
        .flat_map(|&criterion| {
            let entry = &flips[criterion];
            entry.raise.into_iter().chain(entry.lower)
        })
        .map(|flip| flip.new_leader)
        .collect();
    leaders.sort_unstable();
    leaders.dedup();
    let names: Vec<(usize, &str)> = leaders
        .iter()
        .map(|&index| (index, model.alternatives[index].name.as_str()))
        .collect();
    let mut top = 8.0;
    if !names.is_empty() {
        let _ = write!(
            head,
            "<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"end\">would lead:</text>",
            at(LABEL_WIDTH - 8.0),
            at(top + 10.5)
        );
        top += legend(&mut head, &names, top);
    }
    // The axis labels.
    let axis_y = top + 10.0;
    for (factor, text) in [
        (1.0 / TORNADO_RANGE, "÷16"),
        (0.5, "÷2"),
        (1.0, "×1"),
        (2.0, "×2"),
        (TORNADO_RANGE, "×16"),
    ] {
        let _ = write!(
            head,
            "<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{text}</text>",
            at(x_of(factor)),
            at(axis_y)
        );
    }
    top = axis_y + 8.0;
    // The description reads out every bar, and comes before them.
    let desc: Vec<String> = rows
        .iter()
        .map(|&criterion| {
            let entry = &flips[criterion];
            let said: Vec<String> = [(entry.lower, false), (entry.raise, true)]
                .into_iter()
                .map(|(flip, raise)| match tornado_side(model, flip, raise) {
                    (label, Some(direction)) => format!("{label} ({direction})"),
                    (_, None) => {
                        format!("{} never", if raise { "raising" } else { "lowering" })
                    }
                })
                .collect();
            format!("{}: {}", model.criteria[criterion].name, said.join(", "))
        })
        .collect();
    let height = top + rows.len() as f64 * row_height + 4.0;
    let mut caption = format!(
        "How far each criterion's weight may fall (left) or rise (right), all else equal, before another alternative leads; log scale from ÷{0} to ×{0}, most sensitive first. A bar's colour is the alternative that would lead; grey means no change that way alters the top. Dashed lines: ÷{1} and ×{1}, within which no change may lie for a decisive verdict.",
        score(TORNADO_RANGE),
        score(DECISIVE_FACTOR),
    );
    if rows.len() < weighed {
        caption.push_str(&format!(
            " Only the {} most sensitive of the {weighed} weighed criteria are drawn; none of the others alters the top with a smaller change.",
            rows.len()
        ));
    }
    open(
        out,
        "sensitivity",
        height,
        "How far each weight may move before the verdict changes",
        &format!("{caption} {}.", desc.join("; ")),
        placement,
    );
    drop(desc);
    let _ = out.write_str(&head);
    for (row, &criterion) in rows.iter().enumerate() {
        let entry = &flips[criterion];
        let name = &model.criteria[criterion].name;
        let y = top + row as f64 * row_height;
        let drawn = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
            at(LABEL_WIDTH - 8.0),
            at(y + BAR_HEIGHT / 2.0),
            escape(&cut(name, LABEL_CHARS))
        );
        if drawn.is_err() {
            return caption;
        }
        for (flip, raise) in [(entry.lower, false), (entry.raise, true)] {
            let edge = if raise {
                TORNADO_RANGE
            } else {
                1.0 / TORNADO_RANGE
            };
            let end = flip.map_or(edge, |flip| flip.at);
            let (from, to) = (x_of(1.0), x_of(end));
            let (label, direction) = tornado_side(model, flip, raise);
            let (class_name, direction, figure) = match (flip, direction) {
                (Some(flip), Some(direction)) => (
                    class(flip.new_leader),
                    direction,
                    format!(" data-value=\"{}\"", flip.at),
                ),
                _ => (
                    "none".to_owned(),
                    "no change this way alters the top".to_owned(),
                    String::new(),
                ),
            };
            let side = if raise { "raise" } else { "lower" };
            let _ = write!(
                out,
                "<rect class=\"{class_name}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" data-figure=\"{side}\" data-criterion=\"{}\"{figure}><title>{}: {} {}</title></rect>",
                at(from.min(to)),
                at(y),
                at((to - from).abs().max(0.5)),
                at(BAR_HEIGHT),
                escape(&model.criteria[criterion].id),
                escape(name),
                escape(&label),
                escape(&format!("({direction})")),
            );
            let (x, anchor) = if raise {
                (to.max(from) + 4.0, "start")
            } else {
                (to.min(from) - 4.0, "end")
            };
            let _ = write!(
                out,
                "<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\">{}</text>",
                at(x),
                at(y + BAR_HEIGHT / 2.0),
                escape(&label)
            );
        }
    }
    for (factor, class_name) in [
        (1.0, "axis"),
        (DECISIVE_FACTOR, "guide"),
        (1.0 / DECISIVE_FACTOR, "guide"),
    ] {
        let _ = write!(
            out,
            "<line class=\"{class_name}\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
            at(x_of(factor)),
            at(top - 4.0),
            at(height - 2.0)
        );
    }
    let _ = out.write_str("</svg>");
    caption
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_with_an_ellipsis() {
        assert_eq!(cut("Node.js", 30), "Node.js");
        assert_eq!(cut("abcdef", 4), "abc…");
    }

    #[test]
    fn factors_sit_on_a_log_axis_clamped_to_its_ends() {
        assert_eq!(log_position(1.0), 0.0);
        assert_eq!(log_position(4.0), 0.5);
        assert_eq!(log_position(0.25), -0.5);
        assert_eq!(log_position(1e9), 1.0);
        assert_eq!(log_position(1e-9), -1.0);
        assert_eq!(log_position(f64::NAN), -1.0);
        assert_eq!(log_position(f64::INFINITY), 1.0);
    }
}
