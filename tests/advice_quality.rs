//! Whether the embedded criteria and questions give advice an experienced
//! engineer would sign: every option does something (or says why not),
//! the article's own verdicts come back under `--evidence article`, and
//! every example in `examples/` gets the verdict and stability its
//! `# expect` lines name, under both evidence layers.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pick_stack::answers::{Answers, resolve};
use pick_stack::engine::{self, Method};
use pick_stack::model::{Evidence, Model};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pick_stack() -> Command {
    let mut command = Command::cargo_bin("pick-stack").expect("binary is built");
    command
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("COLUMNS");
    command
}

/// Smallest change of the gap between two alternatives' weighted sums (on
/// the 0–10 scale) that counts as an effect: below a tenth of a point an
/// option only looks like a choice. The old `hiring` question moved the
/// margin by 0.03.
const SMALLEST_EFFECT: f64 = 0.1;

/// The questions whose conditions name `question`, directly or through
/// another follow-up.
fn follow_ups(model: &Model, question: usize) -> Vec<usize> {
    let mut found = vec![question];
    for (index, later) in model.questions.iter().enumerate().skip(question + 1) {
        if later.when.iter().any(|c| found.contains(&c.question)) {
            found.push(index);
        }
    }
    found.remove(0);
    found
}

/// Answers that make `question` apply: its conditions' questions set to
/// the first option each lists (and theirs, in turn), the rest defaults.
fn reaching(model: &Model, question: usize) -> Vec<Option<usize>> {
    let mut given = vec![None; model.questions.len()];
    let mut pending = vec![question];
    while let Some(next) = pending.pop() {
        for condition in &model.questions[next].when {
            given[condition.question] = Some(condition.options[0]);
            pending.push(condition.question);
        }
    }
    given
}

fn totals(model: &Model, choices: Vec<Option<usize>>) -> (Vec<f64>, Vec<bool>) {
    let answers = Answers {
        choices,
        explicit_weights: None,
    };
    let (scenario, assessment) =
        engine::evaluate(model, &answers, Method::WeightedSum).expect("weighted sum");
    let eligible = (0..model.alternatives.len())
        .map(|a| scenario.is_eligible(a))
        .collect();
    (assessment.totals, eligible)
}

/// How one option moves the verdict: the answers with the option chosen
/// (its follow-ups at their defaults) against the same answers with the
/// option's own effects removed and its follow-ups not asked. Returns the
/// largest change of any gap between two alternatives, and whether it
/// changes who is eligible.
fn effect(model: &Model, question: usize, choice: usize) -> (f64, bool) {
    let mut given = reaching(model, question);
    given[question] = Some(choice);
    let with = resolve(model, &given);
    let mut without_model = model.clone();
    let option = &mut without_model.questions[question].choices[choice];
    option.add.clear();
    option.multiply.clear();
    option.set_scores.clear();
    option.rule_out.clear();
    let mut without = with.clone();
    for follow_up in follow_ups(model, question) {
        without[follow_up] = None;
    }
    let (a, eligible_a) = totals(model, with);
    let (b, eligible_b) = totals(&without_model, without);
    let mut largest: f64 = 0.0;
    for x in 0..a.len() {
        for y in 0..a.len() {
            largest = largest.max(((a[x] - a[y]) - (b[x] - b[y])).abs());
        }
    }
    (largest, eligible_a != eligible_b)
}

/// Each option's effect is measured in both evidence layers. An option
/// passes when it moves the verdict in at least one of them: e-commerce
/// brings in the article's e-commerce use case, which the article gives to
/// Node.js and current evidence finds level, and that is the option's
/// stated effect.
#[test]
fn every_option_has_an_effect_or_says_why_not() {
    let layers = [Evidence::Current, Evidence::Article]
        .map(|evidence| Model::embedded().unwrap().with_evidence(evidence));
    let model = &layers[0];
    let mut failures = Vec::new();
    println!(
        "Each option's effect from the defaults: how far it moves the gap between the totals (0-10 scale), current | article evidence"
    );
    for (question, entry) in model.questions.iter().enumerate() {
        for (choice, option) in entry.choices.iter().enumerate() {
            let effects = layers
                .each_ref()
                .map(|layer| effect(layer, question, choice));
            let shown: Vec<String> = effects
                .iter()
                .map(|(size, eligibility)| {
                    if *eligibility {
                        model.rules_out_text(option).unwrap_or_default()
                    } else {
                        format!("{size:.2}")
                    }
                })
                .collect();
            let neutral = option
                .neutral
                .as_deref()
                .map_or(String::new(), |why| format!("  neutral: {why}"));
            println!(
                "  {:>16} = {:<12} {:>16} | {:<16}{neutral}",
                entry.id, option.id, shown[0], shown[1]
            );
            let moves = effects
                .iter()
                .any(|(size, eligibility)| *eligibility || *size >= SMALLEST_EFFECT);
            let moves_at_all = effects
                .iter()
                .any(|(size, eligibility)| *eligibility || *size > 0.0);
            match &option.neutral {
                None if !moves => failures.push(format!(
                    "{} = {}: moves the gap {} and is not marked neutral",
                    entry.id,
                    option.id,
                    shown.join(" | ")
                )),
                Some(_) if moves_at_all => failures.push(format!(
                    "{} = {}: marked neutral but moves the gap {}",
                    entry.id,
                    option.id,
                    shown.join(" | ")
                )),
                _ => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn options_that_rule_out_an_alternative_say_so_where_they_are_offered() {
    let questions = pick_stack().arg("questions").output().unwrap();
    let text = String::from_utf8(questions.stdout).unwrap();
    let model = Model::embedded().unwrap();
    let mut ruling_out = 0;
    for question in &model.questions {
        for option in &question.choices {
            if let Some(words) = model.rules_out_text(option) {
                ruling_out += 1;
                let line = text
                    .lines()
                    .find(|line| line.contains(&option.label))
                    .unwrap_or_else(|| panic!("{} is not listed", option.id));
                assert!(line.contains(&words), "{line}");
            }
        }
    }
    assert!(ruling_out >= 2);
}

/// One answer away from the defaults, per use case the article assigns.
const ARTICLE_USE_CASES: [(&str, &str, &str); 8] = [
    ("real-time apps", "realtime: core", "node"),
    ("heavy load", "scale: large", "node"),
    ("e-commerce", "workload: ecommerce", "node"),
    ("content management", "workload: content", "node"),
    ("machine learning and AI", "ai: own", "python"),
    ("image recognition", "ai: own\n  ml_work: vision", "python"),
    ("data science and analytics", "workload: data", "python"),
    ("advanced computing", "compute: numeric", "python"),
];

#[test]
fn the_article_layer_reproduces_the_articles_use_case_verdicts() {
    for (use_case, answer, winner) in ARTICLE_USE_CASES {
        let output = pick_stack()
            .args(["advise", "--defaults", "--evidence", "article", "--expect"])
            .arg(winner)
            .write_stdin(format!("answers:\n  {answer}\n"))
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{use_case}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// An example's expectation: winner (an alternative id or `tie`) and
/// stability label, under the layer the line names.
struct Expectation {
    evidence: &'static str,
    winner: String,
    stability: String,
}

fn expectations(path: &Path) -> Vec<Expectation> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut found = Vec::new();
    for line in text.lines() {
        let (evidence, rest) = if let Some(rest) = line.strip_prefix("# expect: ") {
            ("current", rest)
        } else if let Some(rest) = line.strip_prefix("# expect --evidence article: ") {
            ("article", rest)
        } else {
            continue;
        };
        let (winner, stability) = rest
            .split_once(' ')
            .unwrap_or_else(|| panic!("{}: `{line}` lacks a stability", path.display()));
        found.push(Expectation {
            evidence,
            winner: winner.to_owned(),
            stability: stability.trim().to_owned(),
        });
    }
    found
}

#[test]
fn every_example_gets_its_expected_verdict_and_stability_in_each_layer() {
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 15, "{examples:?}");
    let mut failures = Vec::new();
    for example in &examples {
        let text = std::fs::read_to_string(example).unwrap();
        assert!(
            text.contains("# Why an experienced engineer signs this:"),
            "{} does not say why its verdict is one to sign",
            example.display()
        );
        let expected = expectations(example);
        assert!(
            expected.iter().any(|e| e.evidence == "current"),
            "{} has no `# expect:` line",
            example.display()
        );
        for expectation in expected {
            let output = pick_stack()
                .args([
                    "--format",
                    "json",
                    "advise",
                    "--evidence",
                    expectation.evidence,
                ])
                .arg("--answers")
                .arg(example)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{}: {}",
                example.display(),
                String::from_utf8_lossy(&output.stderr)
            );
            let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            let winner = match json["verdict"]["kind"].as_str() {
                Some("winner") => json["verdict"]["winner"].as_str().unwrap().to_owned(),
                Some(kind) => kind.to_owned(),
                None => panic!("no verdict"),
            };
            let stability = json["stability"].as_str().unwrap();
            if winner != expectation.winner || stability != expectation.stability {
                failures.push(format!(
                    "{} (--evidence {}): expected {} {}, got {winner} {stability}",
                    example.file_name().unwrap().to_string_lossy(),
                    expectation.evidence,
                    expectation.winner,
                    expectation.stability
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
