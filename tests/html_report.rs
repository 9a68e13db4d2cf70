//! `--format html` through the built binary: every figure on the page (the
//! weighted table, both charts, the uncertainty tables) is the figure the
//! JSON document of the same run holds, the page can fetch and run
//! nothing, and `--adr` writes the charts beside the record and links them.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

#[path = "support/html_page.rs"]
mod html_page;

use html_page::{Figure, figures, tags};

fn pick_stack() -> Command {
    let mut command = Command::cargo_bin("pick-stack").expect("binary is built");
    command
        .env_remove("COLUMNS")
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    command
}

fn run(args: &[&str]) -> String {
    let output = pick_stack().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

fn of<'f>(figures: &'f [Figure], figure: &str) -> Vec<&'f Figure> {
    figures.iter().filter(|f| f.figure == figure).collect()
}

/// The JSON document's value for one criterion and alternative.
fn criterion<'j>(json: &'j Value, id: &str) -> &'j Value {
    json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|criterion| criterion["id"] == id)
        .unwrap_or_else(|| panic!("criterion {id} in the JSON"))
}

/// The JSON document's weighed criteria (share above 0), in its order.
fn weighed(json: &Value) -> Vec<&Value> {
    json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|criterion| criterion["share"].as_f64().unwrap() > 0.0)
        .collect()
}

fn assert_page_matches_json(page: &str, json: &Value, method: &str) {
    let found = figures(page);
    let weighed = weighed(json);
    let alternatives = json["alternatives"].as_array().unwrap().len();

    // The weighted table: one share per weighed criterion, a score and a
    // contribution per alternative, each as the JSON has it.
    let shares = of(&found, "share");
    assert_eq!(shares.len(), weighed.len(), "a share per weighed row");
    for (cell, expected) in shares.iter().zip(&weighed) {
        assert_eq!(cell.criterion.as_deref(), expected["id"].as_str());
        let share = expected["share"].as_f64().unwrap();
        assert_eq!(cell.value, Some(share));
        assert_eq!(
            cell.text,
            format!("{:.1}%", (share * 1000.0).round() / 10.0),
            "{cell:?}"
        );
    }
    let scores = of(&found, "score");
    assert_eq!(scores.len(), weighed.len() * alternatives);
    for cell in scores {
        let expected = &criterion(json, cell.criterion.as_deref().unwrap())["scores"]
            [cell.alternative.as_deref().unwrap()];
        assert_eq!(cell.value, expected.as_f64(), "{cell:?}");
    }
    // Table cells and chart bars both.
    let contributions = of(&found, "contribution");
    assert_eq!(contributions.len(), 2 * weighed.len() * alternatives);
    for cell in &contributions {
        let expected = criterion(json, cell.criterion.as_deref().unwrap())["contributions"]
            [cell.alternative.as_deref().unwrap()]
        .as_f64()
        .unwrap();
        assert_eq!(cell.value, Some(expected), "{cell:?}");
        if !cell.text.is_empty() {
            let shown = match method {
                "wsm" => format!("{expected:.2}"),
                "wpm" => format!("{expected:.3}"),
                _ => format!("{expected:.4}"),
            };
            assert_eq!(cell.text, shown, "{cell:?}");
        }
    }
    let totals = of(&found, "total");
    assert_eq!(totals.len(), alternatives);
    for cell in totals {
        let expected = json["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|alternative| alternative["id"] == cell.alternative.as_deref().unwrap())
            .unwrap()["total"]
            .as_f64()
            .unwrap();
        assert_eq!(cell.value, Some(expected));
        let shown = if method == "wsm" {
            format!("{expected:.2}")
        } else {
            format!("{expected:.3}")
        };
        assert_eq!(cell.text, shown);
    }

    // The tornado chart: each side's flip factor, or none.
    for side in ["raise", "lower"] {
        let bars = of(&found, side);
        assert_eq!(bars.len(), weighed.len(), "a {side} bar per weighed row");
        for bar in bars {
            let expected = criterion(json, bar.criterion.as_deref().unwrap())["sensitivity"][side]
                ["at"]
                .as_f64();
            assert_eq!(bar.value, expected, "{side} of {bar:?}");
        }
    }

    // The uncertainty tables, in the JSON's order: method, alternative, rank.
    let acceptability: Vec<f64> = of(&found, "acceptability")
        .iter()
        .map(|cell| cell.value.unwrap())
        .collect();
    let mut expected = Vec::new();
    if let Some(methods) = json["uncertainty"]["methods"].as_array() {
        for figures in methods {
            for alternative in json["alternatives"].as_array().unwrap() {
                let id = alternative["id"].as_str().unwrap();
                for share in figures["alternatives"][id]["rank_acceptability"]
                    .as_array()
                    .unwrap()
                {
                    expected.push(share.as_f64().unwrap());
                }
            }
        }
    }
    assert_eq!(acceptability, expected);

    // The verdict and its stability, at the top.
    let verdict = tags(page)
        .into_iter()
        .find(|tag| tag.attribute("id") == Some("verdict"))
        .expect("a verdict");
    assert_eq!(
        verdict.attribute("data-winner").unwrap(),
        json["verdict"]["winner"].as_str().unwrap_or("")
    );
    assert_eq!(
        verdict.attribute("data-stability"),
        json["stability"].as_str()
    );
}

#[test]
fn every_figure_on_the_page_is_the_json_documents() {
    for (file, extra) in [
        ("ml-pipeline.yaml", &[][..]),
        ("python-team-realtime.yaml", &[][..]),
        ("fullstack-typescript.yaml", &["--evidence", "article"][..]),
        ("realtime-chat.yaml", &["--method", "wpm"][..]),
        ("crud-app.yaml", &["--method", "topsis"][..]),
        ("ml-pipeline.yaml", &["--samples", "0"][..]),
    ] {
        let answers = example(file);
        let mut args = vec!["advise", "--answers", answers.as_str()];
        args.extend_from_slice(extra);
        let method = extra
            .iter()
            .position(|arg| *arg == "--method")
            .map_or("wsm", |at| extra[at + 1]);
        let page = run(&[&args[..], &["--format", "html"]].concat());
        let json: Value =
            serde_json::from_str(&run(&[&args[..], &["--format", "json"]].concat())).unwrap();
        assert_page_matches_json(&page, &json, method);
        let winner = json["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|alternative| alternative["id"] == json["verdict"]["winner"])
            .unwrap();
        assert!(
            page.contains(&format!(
                "<strong>Verdict:</strong> {},",
                winner["name"].as_str().unwrap()
            )),
            "{file}: the verdict sentence names the winner"
        );
    }
}

/// Past 25 weighed criteria each chart draws the 25 that tell the most and
/// says how many it left out: a 10,000-criterion file would otherwise draw
/// a chart millions of units tall. The weighted table keeps every row.
#[test]
fn a_chart_of_many_criteria_draws_the_rows_that_tell_most_and_says_so() {
    const CHART_ROWS: usize = 25;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stored/inputs");
    let criteria = root.join("generated-120x5.yaml").display().to_string();
    let answers = root.join("generated-answers.yaml").display().to_string();
    for method in ["wsm", "wpm", "topsis"] {
        let args = [
            "--criteria",
            criteria.as_str(),
            "advise",
            "--answers",
            answers.as_str(),
            "--samples",
            "0",
            "--method",
            method,
        ];
        let page = run(&[&args[..], &["--format", "html"]].concat());
        let json: Value =
            serde_json::from_str(&run(&[&args[..], &["--format", "json"]].concat())).unwrap();
        let weighed = weighed(&json);
        assert!(weighed.len() > CHART_ROWS, "{} weighed", weighed.len());
        let found = figures(&page);
        assert_eq!(of(&found, "share").len(), weighed.len(), "every table row");

        // Contributions: the rows whose highest and lowest contribution lie
        // furthest apart (as a ratio for the product), in the table's order.
        // Between the alternatives still in the running.
        let eligible: Vec<&str> = json["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|alternative| alternative["eligible"] == true)
            .map(|alternative| alternative["id"].as_str().unwrap())
            .collect();
        let gap = |criterion: &Value| {
            let values: Vec<f64> = eligible
                .iter()
                .map(|id| criterion["contributions"][id].as_f64().unwrap())
                .map(|value| if method == "wpm" { value.ln() } else { value })
                .collect();
            let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let low = values.iter().copied().fold(f64::INFINITY, f64::min);
            high - low
        };
        let mut by_gap: Vec<usize> = (0..weighed.len()).collect();
        by_gap.sort_by(|&a, &b| gap(weighed[b]).total_cmp(&gap(weighed[a])));
        let mut expected: Vec<usize> = by_gap[..CHART_ROWS].to_vec();
        expected.sort_unstable();
        let expected: Vec<&str> = expected
            .iter()
            .map(|&index| weighed[index]["id"].as_str().unwrap())
            .collect();
        let mut drawn: Vec<&str> = of(&found, "contribution")
            .into_iter()
            .filter(|bar| bar.text.is_empty())
            .map(|bar| bar.criterion.as_deref().unwrap())
            .collect();
        drawn.dedup();
        assert_eq!(drawn, expected, "{method}: the contributions chart's rows");
        assert!(
            page.contains(&format!(
                "Only the {CHART_ROWS} of the {} weighed criteria that separate the alternatives most are drawn, in the file&#39;s order; the JSON report (--format json) has every criterion&#39;s contributions.",
                weighed.len()
            )),
            "{method}: the caption says what was left out"
        );

        // The tornado: the most sensitive rows, nearest flip first.
        let nearest = |criterion: &Value| {
            let side = &criterion["sensitivity"];
            let raise = side["raise"]["at"].as_f64().unwrap_or(f64::INFINITY);
            let lower = side["lower"]["at"]
                .as_f64()
                .map_or(f64::INFINITY, |at| 1.0 / at);
            raise.min(lower)
        };
        let mut sensitive: Vec<usize> = (0..weighed.len()).collect();
        sensitive.sort_by(|&a, &b| nearest(weighed[a]).total_cmp(&nearest(weighed[b])));
        let expected: Vec<&str> = sensitive[..CHART_ROWS]
            .iter()
            .map(|&index| weighed[index]["id"].as_str().unwrap())
            .collect();
        let drawn: Vec<&str> = of(&found, "raise")
            .into_iter()
            .map(|bar| bar.criterion.as_deref().unwrap())
            .collect();
        assert_eq!(drawn, expected, "{method}: the tornado's rows");
        assert_eq!(of(&found, "lower").len(), CHART_ROWS);
        assert!(
            page.contains(&format!(
                "Only the {CHART_ROWS} most sensitive of the {} weighed criteria are drawn; none of the others alters the top with a smaller change.",
                weighed.len()
            )),
            "{method}: the tornado's caption says what was left out"
        );
    }

    // A team's charts, of the team's weights, keep to the same rule.
    let folder = tempfile::tempdir().unwrap();
    let bob = folder.path().join("bob.yaml");
    std::fs::copy(&answers, &bob).unwrap();
    let bob = bob.display().to_string();
    let page = run(&[
        "--criteria",
        criteria.as_str(),
        "advise",
        "--answers",
        answers.as_str(),
        "--answers",
        bob.as_str(),
        "--samples",
        "0",
        "--format",
        "html",
    ]);
    let found = figures(&page);
    assert_eq!(of(&found, "raise").len(), CHART_ROWS, "the team's tornado");
    let mut drawn: Vec<&str> = of(&found, "contribution")
        .into_iter()
        .filter(|bar| bar.text.is_empty())
        .map(|bar| bar.criterion.as_deref().unwrap())
        .collect();
    drawn.dedup();
    assert_eq!(drawn.len(), CHART_ROWS, "the team's contributions chart");
    assert!(page.contains("Only the 25 of the 90 weighed criteria"));
}

#[test]
fn a_ruled_out_alternative_is_marked_and_its_figures_still_match() {
    // The full-stack TypeScript example with code that must run in the
    // browser too: a hard constraint that rules Python out.
    let folder = tempfile::tempdir().unwrap();
    let answers = folder.path().join("answers.yaml");
    let text = std::fs::read_to_string(example("fullstack-typescript.yaml")).unwrap();
    std::fs::write(
        &answers,
        text.replace("browser_sharing: \"yes\"", "browser_sharing: must"),
    )
    .unwrap();
    let answers = answers.to_str().unwrap();
    let page = run(&["advise", "--answers", answers, "--format", "html"]);
    let json: Value =
        serde_json::from_str(&run(&["advise", "--answers", answers, "--format", "json"])).unwrap();
    assert_eq!(json["alternatives"][1]["eligible"], false);
    assert_page_matches_json(&page, &json, "wsm");
    assert!(page.contains("Python (ruled out) score</th>"));
    assert!(
        page.contains("Python (ruled out)</text>"),
        "the chart's legend"
    );
    assert!(page.contains("<p class=\"warn\">Python is ruled out: "));
}

#[test]
fn the_page_can_fetch_nothing_and_run_nothing() {
    let page = run(&[
        "advise",
        "--answers",
        &example("ml-pipeline.yaml"),
        "--format",
        "html",
    ]);
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    assert!(page.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    ));
    for tag in tags(&page) {
        assert_ne!(tag.name, "script");
        assert_ne!(tag.name, "link");
        assert_ne!(tag.name, "img");
        for (attribute, _) in &tag.attributes {
            assert!(
                !matches!(
                    attribute.as_str(),
                    "src" | "href" | "style" | "srcset" | "action"
                ) && !attribute.starts_with("on"),
                "<{}> has {attribute}",
                tag.name
            );
        }
    }
    assert!(!page.contains("url("), "no CSS fetch");
    assert!(!page.contains("@import"));
    // The table is a real table a screen reader can walk.
    assert!(page.contains("<table id=\"weighted\">"));
    assert!(page.contains("<th scope=\"col\">Criterion</th>"));
    assert!(page.contains("<th scope=\"row\">Team&#39;s Python skills</th>"));
    // Both colour schemes, and a print style.
    assert!(page.contains("@media (prefers-color-scheme:dark)"));
    assert!(page.contains("@media print"));
    // The charts say what they show to a screen reader.
    assert!(page.contains("<svg class=\"chart\" id=\"contributions\""));
    assert!(page.contains("<svg class=\"chart\" id=\"sensitivity\""));
    assert!(page.contains("role=\"img\""));
}

#[test]
fn the_evidence_notes_set_the_article_beside_the_current_note() {
    let page = run(&[
        "advise",
        "--answers",
        &example("python-team-realtime.yaml"),
        "--format",
        "html",
    ]);
    assert!(page.contains("<table id=\"evidence\">"));
    // Real-time for Python: the article's 4 and today's 6, since 2018.
    let row = page
        .lines()
        .find(|line| {
            line.contains(
                "<th scope=\"row\">Real-time &amp; instant data exchange</th><td>Python</td>",
            )
        })
        .expect("the real-time row for Python");
    assert!(row.contains("<strong>4</strong>"), "{row}");
    assert!(
        row.contains("<strong>6 (in use)</strong>, since 2018"),
        "{row}"
    );
    // Without revised rows weighed, no section.
    let article = run(&[
        "advise",
        "--answers",
        &example("python-team-realtime.yaml"),
        "--evidence",
        "article",
        "--format",
        "html",
    ]);
    assert!(article.contains("<strong>4 (in use)</strong>"));
}

/// The tornado in `markup` is the team's: a row (a lower and a raise
/// bar) for each criterion the team weighs, and every bar's factor the
/// team verdict's `flips` in the JSON (none where the JSON has none).
fn assert_tornado_is_the_teams(name: &str, markup: &str, verdict: &Value) {
    let found = figures(markup);
    let weighed: Vec<&String> = verdict["weights"].as_object().unwrap().keys().collect();
    let flips = verdict["flips"].as_object().unwrap();
    assert_eq!(
        flips.keys().collect::<Vec<_>>(),
        weighed,
        "{name}: flips for the weighed criteria"
    );
    for side in ["lower", "raise"] {
        let bars = of(&found, side);
        let mut rows: Vec<&str> = bars
            .iter()
            .map(|bar| bar.criterion.as_deref().unwrap())
            .collect();
        rows.sort_unstable();
        let mut expected: Vec<&str> = weighed.iter().map(|id| id.as_str()).collect();
        expected.sort_unstable();
        assert_eq!(
            rows, expected,
            "{name}: one {side} bar per weighed criterion"
        );
        for bar in bars {
            let entry = &flips[bar.criterion.as_deref().unwrap()];
            assert_eq!(bar.value, entry[side]["at"].as_f64(), "{name}: {bar:?}");
        }
    }
    assert!(
        flips
            .values()
            .any(|entry| entry.as_object().is_some_and(|e| !e.is_empty())),
        "{name}: some weight would change the team's top"
    );
}

#[test]
fn a_team_page_shows_each_member_and_the_team() {
    let page = run(&[
        "advise",
        "--answers",
        &example("ml-pipeline.yaml"),
        "--answers",
        &example("realtime-chat.yaml"),
        "--format",
        "html",
    ]);
    let json: Value = serde_json::from_str(&run(&[
        "advise",
        "--answers",
        &example("ml-pipeline.yaml"),
        "--answers",
        &example("realtime-chat.yaml"),
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(page.contains("<table id=\"members\">"));
    assert!(page.contains("<th scope=\"row\">ml-pipeline</th>"));
    assert!(page.contains("<th scope=\"row\">realtime-chat</th>"));
    assert!(page.contains("<table id=\"team-weights\">"));
    let verdict = tags(&page)
        .into_iter()
        .find(|tag| tag.attribute("id") == Some("verdict"))
        .unwrap();
    let team = &json["team"];
    assert_eq!(
        verdict.attribute("data-winner"),
        team["verdict"]["winner"].as_str().or(Some(""))
    );
    // Each member's row and the team's: totals as the JSON has them, in
    // the alternatives' order (node, python).
    let totals: Vec<f64> = figures(&page)
        .iter()
        .filter(|figure| figure.figure == "total")
        .map(|figure| figure.value.unwrap())
        .collect();
    let mut expected = Vec::new();
    for member in team["members"].as_array().unwrap() {
        expected.push(member["totals"]["node"].as_f64().unwrap());
        expected.push(member["totals"]["python"].as_f64().unwrap());
    }
    expected.push(team["verdict"]["totals"]["node"].as_f64().unwrap());
    expected.push(team["verdict"]["totals"]["python"].as_f64().unwrap());
    assert_eq!(totals, expected);
    let shares = figures(&page)
        .into_iter()
        .filter(|figure| figure.figure == "share")
        .collect::<Vec<_>>();
    assert!(!shares.is_empty());
    for share in shares {
        // The JSON leaves out a criterion the team does not weigh but a
        // member does.
        assert_eq!(
            share.value.unwrap(),
            team["verdict"]["weights"][share.criterion.as_deref().unwrap()]
                .as_f64()
                .unwrap_or(0.0)
        );
    }
    assert_tornado_is_the_teams("the team page", &page, &team["verdict"]);
}

/// A team's record gets the charts a one-person record gets, beside it
/// and linked from it: the team's contributions (whose sums are the
/// team's totals) and the tornado of the team's weights.
#[test]
fn a_teams_record_links_the_teams_charts_written_beside_it() {
    let folder = tempfile::tempdir().unwrap();
    let record = folder.path().join("docs/adr/0002-team.md");
    let output = pick_stack()
        .args([
            "advise",
            "--answers",
            &example("ml-pipeline.yaml"),
            "--answers",
            &example("realtime-chat.yaml"),
            "--format",
            "json",
            "--adr",
        ])
        .arg(&record)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let verdict = &json["team"]["verdict"];
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Decision record written to ")
            && stderr.contains(
                "0002-team.md, its charts beside it (0002-team-contributions.svg, 0002-team-sensitivity.svg)."
            ),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&record).unwrap();
    let folder_of = record.parent().unwrap();
    for (chart, caption) in [
        (
            "contributions",
            "*Each criterion's points (weight × score) for each alternative; the totals are their sums.*",
        ),
        (
            "sensitivity",
            "*How far each criterion's weight may fall (left) or rise (right)",
        ),
    ] {
        let name = format!("0002-team-{chart}.svg");
        assert!(
            text.contains(&format!("]({name})\n\n{caption}")),
            "{name} linked:\n{text}"
        );
        let svg = std::fs::read_to_string(folder_of.join(&name)).unwrap();
        assert!(svg.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
        ));
        if chart == "sensitivity" {
            assert_tornado_is_the_teams(&name, &svg, verdict);
        } else {
            // The weighted sum: each alternative's bars add up to its
            // team total.
            let found = figures(&svg);
            let bars = of(&found, "contribution");
            assert!(!bars.is_empty());
            for (alternative, total) in verdict["totals"].as_object().unwrap() {
                let sum: f64 = bars
                    .iter()
                    .filter(|bar| bar.alternative.as_deref() == Some(alternative.as_str()))
                    .map(|bar| bar.value.unwrap())
                    .sum();
                assert!(
                    (sum - total.as_f64().unwrap()).abs() < 1e-9,
                    "{alternative}: {sum} vs {total}"
                );
            }
        }
    }
    assert!(
        text.contains("### What would change this decision"),
        "{text}"
    );
    assert!(
        text.contains("on its own, in the team's weights."),
        "{text}"
    );

    // A second run without --force replaces nothing, and says which file
    // is in the way; a chart in the way alone stops it too.
    std::fs::remove_file(&record).unwrap();
    let before = std::fs::read(folder_of.join("0002-team-sensitivity.svg")).unwrap();
    let output = pick_stack()
        .args([
            "advise",
            "--answers",
            &example("ml-pipeline.yaml"),
            "--answers",
            &example("realtime-chat.yaml"),
            "--adr",
        ])
        .arg(&record)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr
            .contains("0002-team-contributions.svg: a decision record's chart already exists here"),
        "{stderr}"
    );
    assert!(!record.exists(), "no record written");
    assert_eq!(
        std::fs::read(folder_of.join("0002-team-sensitivity.svg")).unwrap(),
        before
    );
}

#[test]
fn the_matrix_page_holds_every_criterion_with_its_scores() {
    let page = run(&["matrix", "--format", "html"]);
    let json: Value = serde_json::from_str(&run(&["matrix", "--format", "json"])).unwrap();
    let found = figures(&page);
    let weights = of(&found, "base-weight");
    let criteria = json["criteria"].as_array().unwrap();
    assert_eq!(weights.len(), criteria.len());
    for (cell, criterion) in weights.iter().zip(criteria) {
        assert_eq!(cell.criterion.as_deref(), criterion["id"].as_str());
        assert_eq!(cell.value, criterion["base_weight"].as_f64());
    }
    assert!(page.contains("<table id=\"matrix\">"));
}

#[test]
fn html_is_refused_where_there_is_no_page_to_make() {
    for args in [
        &["questions", "--format", "html"][..],
        &["validate", "--format", "html"][..],
        &["weigh", "--comparisons", "-", "--format", "html"][..],
    ] {
        let output = pick_stack().args(args).write_stdin("").output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("html is for `advise` and `matrix`"),
            "{stderr}"
        );
    }
}

#[test]
fn a_decision_record_links_its_charts_written_beside_it() {
    let folder = tempfile::tempdir().unwrap();
    let record = folder.path().join("docs/adr/0001-stack choice.md");
    let output = pick_stack()
        .current_dir(folder.path())
        .args([
            "advise",
            "--answers",
            &example("ml-pipeline.yaml"),
            "--format",
            "json",
            "--adr",
        ])
        .arg(&record)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let text = std::fs::read_to_string(&record).unwrap();
    let folder_of = record.parent().unwrap();
    for (name, link) in [
        (
            "0001-stack choice-contributions.svg",
            "0001-stack%20choice-contributions.svg",
        ),
        (
            "0001-stack choice-sensitivity.svg",
            "0001-stack%20choice-sensitivity.svg",
        ),
    ] {
        assert!(
            text.contains(&format!("]({link})")),
            "{name} linked:\n{text}"
        );
        let svg = std::fs::read_to_string(folder_of.join(name)).unwrap();
        assert!(svg.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
        ));
        // The figures are the run's.
        for bar in figures(&svg) {
            let entry = criterion(&json, bar.criterion.as_deref().unwrap());
            let expected = match bar.figure.as_str() {
                "contribution" => {
                    entry["contributions"][bar.alternative.as_deref().unwrap()].as_f64()
                }
                side => entry["sensitivity"][side]["at"].as_f64(),
            };
            assert_eq!(bar.value, expected, "{name}: {bar:?}");
        }
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("its charts beside it (0001-stack choice-contributions.svg, 0001-stack choice-sensitivity.svg)"), "{stderr}");

    // A second run without --force replaces none of the three, and says
    // which file is in the way.
    std::fs::remove_file(&record).unwrap();
    let output = pick_stack()
        .args(["advise", "--answers", &example("ml-pipeline.yaml"), "--adr"])
        .arg(&record)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("contributions.svg"), "{stderr}");
    assert!(
        !record.exists(),
        "all or nothing: the record is not written alone"
    );
}

#[test]
fn explain_adds_the_worked_figures_folded_under_the_page() {
    let answers = example("ml-pipeline.yaml");
    let plain = run(&["advise", "--answers", &answers, "--format", "html"]);
    assert!(!plain.contains("id=\"explanation\""));
    let page = run(&[
        "advise",
        "--answers",
        &answers,
        "--format",
        "html",
        "--explain",
    ]);
    let text = run(&["advise", "--answers", &answers, "--explain"]);
    let start = page.find("<pre>").expect("the explanation") + "<pre>".len();
    let end = page[start..].find("</pre>").unwrap() + start;
    let shown = html_page::unescape(&page[start..end]);
    // The terminal's explanation, line for line.
    let explained = &text[text.find("How the verdict was reached").unwrap()..];
    assert_eq!(shown.trim_end(), explained.trim_end());
    assert!(page.contains("<details id=\"explanation\">"));
}
