//! `--format html`: one self-contained page to hand to people who will not
//! run a CLI. It works offline and without JavaScript: the style is
//! inline, the charts are inline SVG ([`super::svg`]), and a Content
//! Security Policy forbids the page from fetching anything at all.
//!
//! Every figure is the assessment's, as the other formats print it; each
//! figure's element also carries the unrounded value (`data-value`), so a
//! test can hold the page to the JSON document. Text from the files goes
//! through [`escape`], the one place that makes it safe in HTML and SVG.

use std::borrow::Cow;
use std::io::{self, Write};

use super::advice::{self, Advice, shown_contributions, shown_shares, top_names, total_text};
use super::svg::{self, Placement};
use super::{Document, evidence, fixed, leader_text, scale_text, score};
use crate::engine::uncertainty::Uncertainty;
use crate::engine::{Method, Verdict};
use crate::model::Model;
use crate::team::Team;

/// Text from a criteria or answers file (or any text that holds some) as
/// HTML and SVG show it, in an element or in a quoted attribute: control,
/// bidi and invisible characters written as visible escapes, as everywhere
/// else ([`crate::untrusted`]), then `& < > " '` as character references,
/// so no text can open an element, end an attribute or spell a reference
/// of its own (`&#x202E;`). Never used for CSS, a URL or a name: no text
/// from a file goes there.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    let shown = crate::untrusted::escaped(text);
    // Most text (ids, names, figures) has nothing to quote: borrowed as it is.
    if !shown
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        return shown;
    }
    let mut quoted = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        match c {
            '&' => quoted.push_str("&amp;"),
            '<' => quoted.push_str("&lt;"),
            '>' => quoted.push_str("&gt;"),
            '"' => quoted.push_str("&quot;"),
            '\'' => quoted.push_str("&#39;"),
            c => quoted.push(c),
        }
    }
    Cow::Owned(quoted)
}

/// Forbids every fetch: no script, font, image, frame or connection, only
/// the inline style (and `data:` images, which the page does not use but a
/// browser's own default icon may ask for).
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The page's own style: light and dark schemes, a layout that fits a
/// phone without scrolling sideways (there the weighted table drops its
/// Leader column, which the scores beside it already show, as the
/// terminal's narrow table does), and a print style.
const PAGE_STYLE: &str = "\
:root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#555;--rule:#c9d1d9;--head:#f3f4f6;--win:#0072B2;--warn:#8a4b00}
@media (prefers-color-scheme:dark){:root{--bg:#16181d;--fg:#e8e8e8;--muted:#bbb;--rule:#3b4048;--head:#23262d;--win:#56B4E9;--warn:#f0c36b}}
*{box-sizing:border-box}
html{background:var(--bg)}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;overflow-wrap:break-word}
main{max-width:62rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.4rem 0 .8rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid var(--rule)}
.verdict{font-size:1.15rem;margin:0 0 1rem;padding:.75rem 1rem;border-left:5px solid var(--win);background:var(--head)}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.92rem;margin:.4rem 0}
th,td{border:1px solid var(--rule);padding:.25rem .45rem;vertical-align:top;text-align:left}
thead th,tfoot th,tfoot td{background:var(--head)}
td.num,th.num{text-align:right;white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.25rem 0}
figure{margin:1rem 0}
svg.chart{width:100%;height:auto;max-width:720px;display:block}
figcaption,.muted{color:var(--muted);font-size:.92rem}
.warn{color:var(--warn);font-weight:600}
code{font-size:.88em}
summary{cursor:pointer;font-weight:600}
pre{white-space:pre-wrap;font-size:.85rem}
@media (max-width:520px){body{font-size:15px}main{padding:.6rem}table{font-size:.72rem}th,td{padding:.15rem .18rem}td.num,th.num{white-space:normal}.leader{display:none}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--rule:#888;--head:#eee}main{max-width:none;padding:0}
body{font-size:10.5pt}.table-wrap{overflow:visible}details::details-content{content-visibility:visible;display:block}summary{display:none}figure,table,.verdict{break-inside:avoid}h2{break-after:avoid}
.chart text{fill:#000}.chart .muted{fill:#333}}";

pub fn write(out: &mut dyn Write, document: &Document<'_>) -> io::Result<()> {
    match document {
        Document::Advice { advice, explain } => write_advice(out, advice, *explain),
        Document::Matrix(model) => write_matrix(out, model),
        // `app` refuses --format html for these before doing anything.
        Document::Questions(_) | Document::Validation(_) | Document::Weights { .. } => Err(
            io::Error::other("--format html is for `advise` and `matrix`"),
        ),
    }
}

fn page_start(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<meta name=\"color-scheme\" content=\"light dark\">")?;
    writeln!(out, "<title>{}</title>", escape(title))?;
    writeln!(out, "<style>\n{PAGE_STYLE}\n{}\n</style>", svg::STYLE)?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<main>")
}

fn page_end(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<p class=\"muted\">Made by pick-stack {}; every figure comes from the same assessment as its other formats.</p>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

fn paragraph(out: &mut dyn Write, class: &str, text: &str) -> io::Result<()> {
    if class.is_empty() {
        writeln!(out, "<p>{}</p>", escape(text))
    } else {
        writeln!(out, "<p class=\"{class}\">{}</p>", escape(text))
    }
}

/// A figure of the weighted table: its text as the table prints it, and
/// its unrounded value for programs and tests.
fn figure_cell<'a>(
    figure: &'a str,
    criterion: Option<&'a str>,
    alternative: Option<&'a str>,
    value: f64,
    text: &'a str,
) -> FigureCell<'a> {
    FigureCell {
        figure,
        criterion,
        alternative,
        value,
        text,
    }
}

/// A cell of [`figure_cell`], written where it is formatted: a page of
/// 10,000 criteria has a million of them.
struct FigureCell<'a> {
    figure: &'a str,
    criterion: Option<&'a str>,
    alternative: Option<&'a str>,
    value: f64,
    text: &'a str,
}

impl std::fmt::Display for FigureCell<'_> {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(out, "<td class=\"num\" data-figure=\"{}\"", self.figure)?;
        if let Some(criterion) = self.criterion {
            write!(out, " data-criterion=\"{}\"", escape(criterion))?;
        }
        if let Some(alternative) = self.alternative {
            write!(out, " data-alternative=\"{}\"", escape(alternative))?;
        }
        write!(
            out,
            " data-value=\"{}\">{}</td>",
            self.value,
            escape(self.text)
        )
    }
}

fn contribution_text(method: Method, value: f64) -> String {
    match method {
        Method::WeightedSum => fixed(value, 2),
        Method::WeightedProduct => fixed(value, 3),
        Method::Topsis => fixed(value, 4),
    }
}

fn contribution_header(method: Method) -> &'static str {
    match method {
        Method::WeightedSum => "points",
        Method::WeightedProduct => "factor",
        Method::Topsis => "value",
    }
}

/// The verdict and its stability in one sentence: "Python, 8.58 to 5.16
/// for Node.js: a margin of 3.42 on the 0–10 scale; decisive."
fn verdict_sentence(advice: &Advice<'_>) -> String {
    let line = advice::verdict_line(advice.model, advice.assessment);
    let line = line.strip_prefix("Verdict: ").unwrap_or(&line);
    format!(
        "{}; stability: {}.",
        line.trim_end_matches('.'),
        advice.sensitivity.stability.label()
    )
}

fn write_advice(out: &mut dyn Write, advice: &Advice<'_>, explain: bool) -> io::Result<()> {
    let Advice {
        model,
        scenario,
        assessment,
        sensitivity,
        answers,
        ..
    } = advice;
    let top = top_names(model, &assessment.verdict);
    page_start(out, &format!("Stack recommendation: {top}"))?;
    writeln!(out, "<h1>Stack recommendation: {}</h1>", escape(&top))?;
    let winner = match &assessment.verdict {
        Verdict::Winner { alternative, .. } => model.alternatives[*alternative].id.as_str(),
        _ => "",
    };
    writeln!(
        out,
        "<p class=\"verdict\" id=\"verdict\" data-winner=\"{}\" data-stability=\"{}\"><strong>Verdict:</strong> {}</p>",
        escape(winner),
        sensitivity.stability.label(),
        escape(&verdict_sentence(advice))
    )?;
    let chosen: Vec<(usize, usize)> = answers.chosen().collect();
    if !chosen.is_empty() {
        // Folded: the verdict and the table come first on a screen; the
        // print style unfolds it.
        writeln!(
            out,
            "<details id=\"answers-given\"><summary>The answers that led to it ({} questions)</summary>",
            chosen.len()
        )?;
        writeln!(out, "<div class=\"table-wrap\">")?;
        writeln!(out, "<table id=\"answers\">")?;
        writeln!(out, "<caption>The answers that led to it</caption>")?;
        writeln!(
            out,
            "<thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Answer</th></tr></thead>"
        )?;
        writeln!(out, "<tbody>")?;
        for (question, choice) in chosen {
            let question = &model.questions[question];
            let choice = &question.choices[choice];
            writeln!(
                out,
                "<tr><th scope=\"row\">{} <code>{}</code></th><td>{} <code>{}</code></td></tr>",
                escape(&question.prompt),
                escape(&question.id),
                escape(&choice.label),
                escape(&choice.id)
            )?;
        }
        writeln!(out, "</tbody>")?;
        writeln!(out, "</table>")?;
        writeln!(out, "</div>")?;
        writeln!(out, "</details>")?;
    }
    if let Some(from) = answers
        .explicit_weights
        .as_ref()
        .map(|explicit| explicit.from.as_str())
    {
        paragraph(
            out,
            "muted",
            &format!("Base weights set in the answers file: {from}."),
        )?;
    }

    writeln!(out, "<h2>The weighted table</h2>")?;
    write_weighted_table(out, advice)?;
    write_evidence_layer(out, advice)?;

    writeln!(out, "<h2>Where the lead comes from</h2>")?;
    write_figure(out, |svg| {
        svg::write_contributions(svg, advice.into(), Placement::Inline)
    })?;

    writeln!(out, "<h2>How firm the verdict is</h2>")?;
    let stability_class = match sensitivity.stability {
        crate::engine::sensitivity::Stability::Decisive
        | crate::engine::sensitivity::Stability::Leaning => "",
        _ => "warn",
    };
    paragraph(out, stability_class, &advice::stability_line(advice))?;
    if let Some(text) = advice::taste_advice(advice) {
        paragraph(out, "", text)?;
    }
    for (alternative, ruled_out) in scenario.ruled_out.iter().enumerate() {
        let Some(ruled_out) = ruled_out else { continue };
        let question = &model.questions[ruled_out.question];
        paragraph(
            out,
            "warn",
            &format!(
                "{} is ruled out: {} (answer {} = {}).",
                model.alternatives[alternative].name,
                ruled_out.reason(model, alternative).trim_end_matches('.'),
                question.id,
                question.choices[ruled_out.choice].id
            ),
        )?;
    }
    if !svg::tornado_rows(advice.into()).is_empty() {
        write_figure(out, |svg| {
            svg::write_tornado(svg, advice.into(), Placement::Inline)
        })?;
    }
    if !sensitivity.answer_flips.is_empty() {
        writeln!(
            out,
            "<p>Answers that would change the top, one at a time:</p>"
        )?;
        writeln!(out, "<ul id=\"answer-flips\">")?;
        for flip in &sensitivity.answer_flips {
            writeln!(
                out,
                "<li>{} <code>{}</code>: {}</li>",
                escape(&advice::flip_labels(model, flip)),
                escape(&advice::flip_answers(model, flip)),
                escape(&top_names(model, &flip.verdict))
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    if let Some(note) = advice::unchecked_note(sensitivity.answers_unchecked) {
        paragraph(out, "muted", &note)?;
    }
    if let Some(uncertainty) = advice.uncertainty {
        write_uncertainty(out, model, &assessment.verdict, uncertainty)?;
    }
    write_evidence_notes(out, advice)?;
    if explain {
        // The terminal's explanation as it reads there, folded: every
        // figure written out, which a page has no better form for.
        let mut explanation = Vec::new();
        super::explain::write(&mut explanation, advice, super::Layout::default())?;
        writeln!(out, "<h2>How the verdict was reached</h2>")?;
        writeln!(
            out,
            "<details id=\"explanation\"><summary>Every figure, criterion by criterion</summary>"
        )?;
        // Line by line: the line breaks are pick-stack's own, and escape()
        // would show them as `\n`.
        let lines: Vec<String> = String::from_utf8_lossy(&explanation)
            .trim_matches('\n')
            .lines()
            .map(|line| escape(line).into_owned())
            .collect();
        writeln!(out, "<pre>{}</pre>", lines.join("\n"))?;
        writeln!(out, "</details>")?;
    }
    page_end(out)
}

/// A chart and its caption, the chart drawn straight into the page:
/// `draw` writes the SVG and returns the caption.
fn write_figure(
    out: &mut dyn Write,
    draw: impl FnOnce(&mut dyn std::fmt::Write) -> String,
) -> io::Result<()> {
    writeln!(out, "<figure>")?;
    let mut sink = IoSink { out, failed: None };
    let caption = draw(&mut sink);
    if let Some(error) = sink.failed {
        return Err(error);
    }
    writeln!(out)?;
    writeln!(out, "<figcaption>{}</figcaption>", escape(&caption))?;
    writeln!(out, "</figure>")
}

/// The page's writer as a `fmt::Write`, for the chart writers; the first
/// I/O error is kept for [`write_figure`] to return, and stops the rest.
struct IoSink<'a> {
    out: &'a mut dyn Write,
    failed: Option<io::Error>,
}

impl std::fmt::Write for IoSink<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        if self.failed.is_some() {
            return Err(std::fmt::Error);
        }
        self.out.write_all(text.as_bytes()).map_err(|error| {
            self.failed = Some(error);
            std::fmt::Error
        })
    }
}

fn write_weighted_table(out: &mut dyn Write, advice: &Advice<'_>) -> io::Result<()> {
    let Advice {
        model,
        scenario,
        assessment,
        ..
    } = advice;
    let method = assessment.method;
    writeln!(out, "<div class=\"table-wrap\">")?;
    writeln!(out, "<table id=\"weighted\">")?;
    writeln!(
        out,
        "<caption>Each weighed criterion: its share of the weight, each alternative's score and {}</caption>",
        match method {
            Method::WeightedSum => "points (share × score)",
            Method::WeightedProduct => "factor (score ^ share)",
            Method::Topsis => "weighted normalised value (TOPSIS)",
        }
    )?;
    write!(
        out,
        "<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Weight</th>"
    )?;
    for (index, alternative) in model.alternatives.iter().enumerate() {
        let marker = if scenario.is_eligible(index) {
            ""
        } else {
            " (ruled out)"
        };
        let name = escape(&alternative.name);
        write!(
            out,
            "<th scope=\"col\" class=\"num\">{name}{marker} score</th><th scope=\"col\" class=\"num\">{name}{marker} {}</th>",
            contribution_header(method)
        )?;
    }
    writeln!(
        out,
        "<th scope=\"col\" class=\"leader\">Leader</th></tr></thead>"
    )?;
    writeln!(out, "<tbody>")?;
    let shares = shown_shares(assessment, 1);
    let contributions = shown_contributions(advice);
    for index in 0..model.criteria.len() {
        if assessment.shares[index] == 0.0 {
            continue;
        }
        let criterion = &model.criteria[index];
        let scores = &scenario.scores[index];
        write!(
            out,
            "<tr><th scope=\"row\">{}</th>{}",
            escape(&advice::row_name(model, index)),
            figure_cell(
                "share",
                Some(&criterion.id),
                None,
                assessment.shares[index],
                &format!("{:.1}%", shares[index])
            )
        )?;
        for (alternative, value) in scores.iter().enumerate() {
            let id = model.alternatives[alternative].id.as_str();
            write!(
                out,
                "{}{}",
                figure_cell(
                    "score",
                    Some(&criterion.id),
                    Some(id),
                    *value,
                    &score(*value)
                ),
                figure_cell(
                    "contribution",
                    Some(&criterion.id),
                    Some(id),
                    contributions[index][alternative],
                    &contribution_text(method, contributions[index][alternative])
                )
            )?;
        }
        let eligible: Vec<bool> = (0..scores.len()).map(|a| scenario.is_eligible(a)).collect();
        let leader = leader_text(&model.alternatives, scores, model.kinds[index], &eligible);
        writeln!(out, "<td class=\"leader\">{}</td></tr>", escape(&leader))?;
    }
    writeln!(out, "</tbody>")?;
    write!(
        out,
        "<tfoot><tr><th scope=\"row\">{}</th><td></td>",
        match method {
            Method::WeightedSum => "Total (sum)",
            Method::WeightedProduct => "Total (product)",
            Method::Topsis => "Closeness",
        }
    )?;
    for (index, total) in assessment.totals.iter().enumerate() {
        write!(
            out,
            "<td></td>{}",
            figure_cell(
                "total",
                None,
                Some(&model.alternatives[index].id),
                *total,
                &total_text(method, *total)
            )
        )?;
    }
    writeln!(
        out,
        "<td class=\"leader\"><strong>{}</strong></td></tr></tfoot>",
        escape(&top_names(model, &assessment.verdict))
    )?;
    writeln!(out, "</table>")?;
    writeln!(out, "</div>")?;
    let notes = advice::rounding_note(advice, &contributions, |value| {
        contribution_text(method, value)
    })
    .map(str::to_owned)
    .into_iter()
    .chain(advice::leader_note(model, scenario));
    for note in notes {
        paragraph(out, "muted", &note)?;
    }
    Ok(())
}

/// Under the table: which evidence layer the scores come from.
fn write_evidence_layer(out: &mut dyn Write, advice: &Advice<'_>) -> io::Result<()> {
    let model = advice.model;
    if !evidence::is_layered(model) {
        return Ok(());
    }
    paragraph(out, "muted", &evidence::layer_sentence(model))
}

/// The weighed rows that rest on dated claims: for each revised rating,
/// what the article says and what holds now, side by side.
fn write_evidence_notes(out: &mut dyn Write, advice: &Advice<'_>) -> io::Result<()> {
    let Advice {
        model, assessment, ..
    } = advice;
    let revised: Vec<&crate::model::Revision> = model
        .revisions
        .iter()
        .filter(|revision| assessment.shares[revision.criterion] > 0.0)
        .collect();
    if revised.is_empty() {
        return Ok(());
    }
    writeln!(out, "<h2>Evidence: old claims and current facts</h2>")?;
    paragraph(out, "", &evidence::layer_sentence(model))?;
    writeln!(out, "<div class=\"table-wrap\">")?;
    writeln!(out, "<table id=\"evidence\">")?;
    writeln!(
        out,
        "<caption>The weighed ratings whose score has changed since the article</caption>"
    )?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Alternative</th><th scope=\"col\">The article</th><th scope=\"col\">Now</th></tr></thead>"
    )?;
    writeln!(out, "<tbody>")?;
    let in_use = |layer: crate::model::Evidence| {
        if model.evidence == layer {
            " (in use)"
        } else {
            ""
        }
    };
    for revision in revised {
        let criterion = &model.criteria[revision.criterion];
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td><strong>{}{}</strong> {}</td><td><strong>{}{}</strong>, since {}: {}</td></tr>",
            escape(&criterion.name),
            escape(&model.alternatives[revision.alternative].name),
            score(revision.article),
            in_use(crate::model::Evidence::Article),
            escape(criterion.rationale(revision.alternative)),
            score(revision.current),
            in_use(crate::model::Evidence::Current),
            escape(&revision.since),
            escape(&revision.note),
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</div>")
}

/// The uncertainty analysis: the summary line, then per method how often
/// each alternative takes each rank.
fn write_uncertainty(
    out: &mut dyn Write,
    model: &Model,
    verdict: &Verdict,
    uncertainty: &Uncertainty,
) -> io::Result<()> {
    use super::uncertainty::{percent, summary_line};
    writeln!(out, "<h2>How sure: the uncertainty analysis</h2>")?;
    paragraph(out, "", &summary_line(model, verdict, uncertainty))?;
    let ranks = model.alternatives.len();
    for figures in &uncertainty.methods {
        writeln!(out, "<div class=\"table-wrap\">")?;
        writeln!(
            out,
            "<table class=\"acceptability\" data-method=\"{}\">",
            figures.method.id()
        )?;
        writeln!(
            out,
            "<caption>Rank acceptability under the {}: the share of samples in which each alternative takes each rank</caption>",
            figures.method.name()
        )?;
        write!(out, "<thead><tr><th scope=\"col\">Alternative</th>")?;
        for rank in 1..=ranks {
            write!(out, "<th scope=\"col\" class=\"num\">Rank {rank}</th>")?;
        }
        writeln!(
            out,
            "<th scope=\"col\" class=\"num\">First alone</th></tr></thead>"
        )?;
        writeln!(out, "<tbody>")?;
        for (index, alternative) in model.alternatives.iter().enumerate() {
            write!(
                out,
                "<tr><th scope=\"row\">{}</th>",
                escape(&alternative.name)
            )?;
            for rank in 0..ranks {
                let share = figures.acceptability[index]
                    .get(rank)
                    .copied()
                    .unwrap_or(0.0);
                write!(
                    out,
                    "{}",
                    figure_cell(
                        "acceptability",
                        None,
                        Some(&alternative.id),
                        share,
                        &percent(share)
                    )
                )?;
            }
            writeln!(
                out,
                "{}</tr>",
                figure_cell(
                    "first-alone",
                    None,
                    Some(&alternative.id),
                    figures.wins[index],
                    &percent(figures.wins[index])
                )
            )?;
        }
        writeln!(out, "</tbody>")?;
        writeln!(out, "</table>")?;
        writeln!(out, "</div>")?;
    }
    Ok(())
}

fn write_matrix(out: &mut dyn Write, model: &Model) -> io::Result<()> {
    page_start(out, "Criteria matrix")?;
    writeln!(out, "<h1>Criteria matrix</h1>")?;
    if evidence::is_layered(model) {
        paragraph(out, "", &evidence::layer_sentence(model))?;
        if let Some(note) = model
            .provenance
            .article
            .as_ref()
            .and_then(|article| article.note.as_deref())
        {
            paragraph(out, "muted", note)?;
        }
    }
    writeln!(out, "<div class=\"table-wrap\">")?;
    writeln!(out, "<table id=\"matrix\">")?;
    writeln!(
        out,
        "<caption>Every criterion: its base weight, each alternative's score on a {} scale, who it favours and why</caption>",
        escape(&scale_text(model.scale))
    )?;
    write!(
        out,
        "<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Base weight</th>"
    )?;
    for alternative in &model.alternatives {
        write!(
            out,
            "<th scope=\"col\" class=\"num\">{}</th>",
            escape(&alternative.name)
        )?;
    }
    writeln!(
        out,
        "<th scope=\"col\">Favours</th><th scope=\"col\">Rationale</th><th scope=\"col\">Source</th></tr></thead>"
    )?;
    writeln!(out, "<tbody>")?;
    let groups = model.groups_by_criterion();
    for (index, (criterion, scores)) in model.criteria.iter().zip(model.scores.iter()).enumerate() {
        write!(
            out,
            "<tr><th scope=\"row\">{} <code>{}</code>",
            escape(&criterion.name),
            escape(&criterion.id)
        )?;
        if let Some(group) = groups[index] {
            write!(
                out,
                "<br><span class=\"muted\">group: {}</span>",
                escape(&group.name)
            )?;
        }
        write!(
            out,
            "</th>{}",
            figure_cell(
                "base-weight",
                Some(&criterion.id),
                None,
                model.base_weights[index],
                &score(model.base_weights[index])
            )
        )?;
        for (position, value) in scores.iter().enumerate() {
            let mut text = score(*value);
            if let Some(revision) = evidence::revision_of(model, index, position) {
                text = format!(
                    "{text} {} (article {})",
                    evidence::REVISED_MARK,
                    score(revision.article)
                );
            }
            write!(
                out,
                "{}",
                figure_cell(
                    "score",
                    Some(&criterion.id),
                    Some(&model.alternatives[position].id),
                    *value,
                    &text
                )
            )?;
        }
        let favours = leader_text(
            &model.alternatives,
            scores,
            model.kinds[index],
            &vec![true; scores.len()],
        );
        write!(out, "<td>{}</td><td>", escape(&favours))?;
        for (position, alternative) in model.alternatives.iter().enumerate() {
            let text = criterion.rationale(position);
            if !text.is_empty() {
                write!(
                    out,
                    "<p><strong>{}:</strong> {}</p>",
                    escape(&alternative.name),
                    escape(text)
                )?;
            }
            if let Some(revision) = evidence::revision_of(model, index, position) {
                write!(
                    out,
                    "<p><em>{}:</em> {}</p>",
                    escape(&alternative.name),
                    escape(&evidence::revision_sentence(model, revision))
                )?;
            }
        }
        let sources = super::criterion_sources(model, criterion, |text| escape(text).into_owned());
        writeln!(out, "</td><td>{}</td></tr>", sources.join("<br>"))?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</div>")?;
    paragraph(
        out,
        "muted",
        "Higher is better unless the criterion is a cost. Criteria with base weight 0 count only when an answer brings them in.",
    )?;
    if !model.groups.is_empty() {
        writeln!(out, "<h2>Groups</h2>")?;
        paragraph(out, "", super::GROUPS_INTRO)?;
        writeln!(out, "<ul>")?;
        for group in &model.groups {
            writeln!(out, "<li>{}</li>", escape(&super::group_text(model, group)))?;
        }
        writeln!(out, "</ul>")?;
    }
    let notes: Vec<String> = model
        .alternatives
        .iter()
        .filter_map(|alternative| {
            let note = alternative.note.as_deref()?;
            Some(format!(
                "<li><strong>{}:</strong> {}</li>",
                escape(&alternative.name),
                escape(note)
            ))
        })
        .collect();
    if !notes.is_empty() {
        writeln!(out, "<h2>The alternatives</h2>")?;
        writeln!(out, "<ul>")?;
        for note in notes {
            writeln!(out, "{note}")?;
        }
        writeln!(out, "</ul>")?;
    }
    page_end(out)
}

/// A team's decision: the members and the team, the weights, the team
/// verdict and what the team has to talk about.
pub(crate) fn write_team(out: &mut dyn Write, model: &Model, team: &Team<'_>) -> io::Result<()> {
    use super::team::{PLAIN_STYLE, notes, percent, verdict_text, weighed};
    let verdict = verdict_text(model, &team.assessment.verdict);
    page_start(out, &format!("Team stack recommendation: {verdict}"))?;
    writeln!(
        out,
        "<h1>Team stack recommendation: {}</h1>",
        escape(&verdict)
    )?;
    let winner = match &team.assessment.verdict {
        Verdict::Winner { alternative, .. } => model.alternatives[*alternative].id.as_str(),
        _ => "",
    };
    writeln!(
        out,
        "<p class=\"verdict\" id=\"verdict\" data-winner=\"{}\" data-stability=\"{}\"><strong>Team verdict:</strong> {}; stability: {}, from the normalised geometric mean of the members' weights under the team's facts.</p>",
        escape(winner),
        team.stability.label(),
        escape(&verdict),
        team.stability.label()
    )?;
    writeln!(out, "<div class=\"table-wrap\">")?;
    writeln!(out, "<table id=\"members\">")?;
    writeln!(
        out,
        "<caption>Each member's verdict from their own answers, and the team's</caption>"
    )?;
    write!(
        out,
        "<thead><tr><th scope=\"col\">Member</th><th scope=\"col\">Winner</th>"
    )?;
    for alternative in &model.alternatives {
        write!(
            out,
            "<th scope=\"col\" class=\"num\">{}</th>",
            escape(&alternative.name)
        )?;
    }
    writeln!(out, "<th scope=\"col\">Stability</th></tr></thead>")?;
    writeln!(out, "<tbody>")?;
    let rows = team
        .members
        .iter()
        .zip(&team.analyses)
        .map(|(member, analysis)| {
            (
                member.name.as_str(),
                &analysis.assessment,
                analysis.sensitivity.stability,
            )
        })
        .chain(std::iter::once(("Team", &team.assessment, team.stability)));
    for (name, assessment, stability) in rows {
        write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td>",
            escape(name),
            escape(&verdict_text(model, &assessment.verdict))
        )?;
        for (index, total) in assessment.totals.iter().enumerate() {
            write!(
                out,
                "{}",
                figure_cell(
                    "total",
                    None,
                    Some(&model.alternatives[index].id),
                    *total,
                    &super::points(*total)
                )
            )?;
        }
        writeln!(out, "<td>{}</td></tr>", stability.label())?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</div>")?;

    writeln!(out, "<div class=\"table-wrap\">")?;
    writeln!(out, "<table id=\"team-weights\">")?;
    writeln!(
        out,
        "<caption>Each criterion's share of the weight: the team's, and each member's under their own answers</caption>"
    )?;
    write!(
        out,
        "<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Team weight</th>"
    )?;
    for member in &team.members {
        write!(
            out,
            "<th scope=\"col\" class=\"num\">{}</th>",
            escape(&member.name)
        )?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for criterion in weighed(team) {
        let id = model.criteria[criterion].id.as_str();
        write!(
            out,
            "<tr><th scope=\"row\">{}</th>{}",
            escape(&model.criteria[criterion].name),
            figure_cell(
                "share",
                Some(id),
                None,
                team.assessment.shares[criterion],
                &percent(team.assessment.shares[criterion])
            )
        )?;
        for analysis in &team.analyses {
            write!(
                out,
                "<td class=\"num\">{}</td>",
                percent(analysis.assessment.shares[criterion])
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</div>")?;
    // The team's charts, drawn as one person's are: where the lead comes
    // from, and how far each of the team's weights may move.
    let charted = svg::Charted::team(model, team);
    write_figure(out, |svg| {
        svg::write_contributions(svg, charted, Placement::Inline)
    })?;
    if !svg::tornado_rows(charted).is_empty() {
        write_figure(out, |svg| {
            svg::write_tornado(svg, charted, Placement::Inline)
        })?;
    }
    let lines = notes(model, team, &PLAIN_STYLE);
    if !lines.is_empty() {
        writeln!(out, "<h2>What the team has to talk about</h2>")?;
        let mut in_list = false;
        for line in lines {
            match line.strip_prefix("  ") {
                Some(item) => {
                    if !in_list {
                        writeln!(out, "<ul>")?;
                        in_list = true;
                    }
                    writeln!(out, "<li>{}</li>", escape(item))?;
                }
                None => {
                    if in_list {
                        writeln!(out, "</ul>")?;
                        in_list = false;
                    }
                    let class = if line.starts_with("Fact to settle") {
                        "warn"
                    } else {
                        ""
                    };
                    paragraph(out, class, &line)?;
                }
            }
        }
        if in_list {
            writeln!(out, "</ul>")?;
        }
    }
    page_end(out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn text_from_a_file_cannot_open_an_element_or_end_an_attribute() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("\"><img src=x onerror='a'>"),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;"
        );
        // A reference spelled in the file stays text.
        assert_eq!(escape("&#x202E;"), "&amp;#x202E;");
        // Control, bidi and invisible characters become visible escapes.
        assert_eq!(
            escape("a\u{202e}b\u{1b}[2J\u{200b}"),
            "a\\u{202e}b\\u{1b}[2J\\u{200b}"
        );
        assert_eq!(escape("Node.js ✓"), "Node.js ✓");
    }
}
