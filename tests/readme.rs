//! README.md stays true: its `pick-stack` commands run, its output block
//! is what the command prints, and its worked example's figures are the
//! ones pick-stack computes.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_pick-stack")
}

/// The lines of every fenced block whose info string is `lang`.
fn blocks(text: &str, lang: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in text.lines() {
        match &mut current {
            None if line == format!("```{lang}") => current = Some(Vec::new()),
            Some(lines) if line == "```" => {
                found.push(std::mem::take(lines));
                current = None;
            }
            Some(lines) => lines.push(line.to_owned()),
            None => {}
        }
    }
    found
}

fn run(args: &[&str], stdin: Option<&Path>) -> std::process::Output {
    let mut command = Command::new(binary());
    command
        .args(args)
        .current_dir(root())
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE");
    if let Some(path) = stdin {
        command.stdin(std::fs::File::open(path).unwrap());
    }
    command.output().expect("run pick-stack")
}

/// Every `pick-stack` line of a `sh` block, run by the shell in a scratch
/// folder with an answers file and a comparisons file (the ones the README
/// shows), exits 0. Standard input is never a terminal here, so the
/// commands the README runs at a terminal read their answers or judgements
/// from it instead, as they would in CI.
#[test]
fn every_pick_stack_command_in_the_readme_runs() {
    let text = readme();
    let folder = tempfile::tempdir().unwrap();
    let home = folder.path().join("home");
    for dir in [".local/share/bash-completion/completions", ".zfunc"] {
        std::fs::create_dir_all(home.join(dir)).unwrap();
    }
    let comparisons = blocks(&text, "yaml")
        .into_iter()
        .find(|lines| lines.first().is_some_and(|l| l.starts_with("comparisons:")))
        .expect("README shows a comparisons file")
        .join("\n");
    std::fs::write(folder.path().join("judgements.yaml"), &comparisons).unwrap();
    let template = run(&["questions", "--template"], None);
    std::fs::write(folder.path().join("answers.yaml"), &template.stdout).unwrap();
    // A team's files, for the team and group commands.
    std::fs::create_dir(folder.path().join("team")).unwrap();
    for member in [
        "alice.yaml",
        "bob.yaml",
        "carol.yaml",
        "team/alice.yaml",
        "team/bob.yaml",
    ] {
        std::fs::write(folder.path().join(member), &template.stdout).unwrap();
    }
    for member in ["alice-judgements.yaml", "bob-judgements.yaml"] {
        std::fs::write(folder.path().join(member), &comparisons).unwrap();
    }
    let bin = Path::new(binary()).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for line in blocks(&text, "sh").into_iter().flatten() {
        let command = line.split("   #").next().unwrap().trim();
        let command = command.split("  #").next().unwrap().trim();
        if !command.starts_with("pick-stack ") {
            continue;
        }
        if command.contains("man -l") && Command::new("man").arg("--version").output().is_err() {
            continue;
        }
        let stdin = if command.contains(" weigh") {
            "judgements.yaml"
        } else {
            "answers.yaml"
        };
        let output = Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(folder.path())
            .env("PATH", &path)
            .env("HOME", &home)
            .env_remove("PICK_STACK_CRITERIA")
            .stdin(std::fs::File::open(folder.path().join(stdin)).unwrap())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "README command failed: {command}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        ran += 1;
        // `weigh --save` rewrites the answers file; later commands read it
        // as the README reader's file would be.
    }
    assert!(ran >= 15, "only {ran} README commands found");
}

/// The README's Output section shows the report of the command it names,
/// byte for byte.
#[test]
fn the_output_block_is_what_the_command_prints() {
    let text = readme();
    let section = &text[text.find("## Output\n").unwrap()..];
    let block = blocks(section, "text")
        .into_iter()
        .next()
        .unwrap()
        .join("\n");
    let output = run(
        &["advise", "--answers", "examples/python-team-realtime.yaml"],
        None,
    );
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    assert_eq!(block.trim_end(), printed.trim_end());
}

fn figure(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// One worked-example line: "  Node.js  = (0.4×9 + … + 3×3) / 11 = 71.2 / 11 = 6.47",
/// built from the JSON of a run.
fn total_line(json: &serde_json::Value, alternative: &str, name: &str) -> String {
    let weight_sum: f64 = json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["weight"].as_f64().unwrap())
        .sum();
    let terms: Vec<String> = json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["weight"].as_f64().unwrap() > 0.0)
        .map(|c| {
            let weight = c["weight"].as_f64().unwrap();
            let score = figure(c["scores"][alternative].as_f64().unwrap());
            if weight == 1.0 {
                score
            } else {
                format!("{}×{score}", figure(weight))
            }
        })
        .collect();
    let total = json["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == alternative)
        .unwrap()["total"]
        .as_f64()
        .unwrap();
    format!(
        "  {name:<8} = ({}) / {} = {:.1} / {} = {total:.2}",
        terms.join(" + "),
        figure(weight_sum),
        total * weight_sum,
        figure(weight_sum)
    )
}

#[test]
fn the_worked_example_has_the_figures_pick_stack_computes() {
    let text = readme();
    let section = &text[text.find("#### A worked example").unwrap()..];
    let block = blocks(section, "text")
        .into_iter()
        .next()
        .unwrap()
        .join("\n");
    for evidence in ["current", "article"] {
        let output = run(
            &[
                "--format",
                "json",
                "advise",
                "--evidence",
                evidence,
                "--answers",
                "examples/python-team-realtime.yaml",
            ],
            None,
        );
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        for (id, name) in [("node", "Node.js"), ("python", "Python")] {
            let line = total_line(&json, id, name);
            assert!(
                block.contains(&line),
                "README's worked example lacks\n{line}\nin\n{block}"
            );
        }
        if evidence == "current" {
            let realtime = json["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == "realtime")
                .unwrap();
            let factor = realtime["group"]["factor"].as_f64().unwrap();
            let raw_sum: f64 = json["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["group"]["id"] == "event_loop")
                .map(|c| c["raw_weight"].as_f64().unwrap())
                .sum();
            let line = format!(
                "group factor          = group weight / sum = {} / {} = {}",
                figure(factor * raw_sum),
                figure(raw_sum),
                figure(factor)
            );
            assert!(block.contains(&line), "README lacks {line}");
            let margin = json["verdict"]["margin"].as_f64().unwrap();
            let relative = json["verdict"]["relative_margin"].as_f64().unwrap();
            let stability = json["stability"].as_str().unwrap();
            assert!(
                block.contains(&format!(
                    "margin   = {margin:.2}, {:.1}% of the scale: {stability}",
                    relative * 100.0
                )),
                "{block}"
            );
        }
    }
}

/// The `weights:` sample is what `weigh` saves for the README's own
/// comparisons file, byte for byte.
#[test]
fn the_weights_sample_is_what_weigh_saves_for_the_comparisons_shown() {
    let text = readme();
    let yaml = blocks(&text, "yaml");
    let comparisons = yaml
        .iter()
        .find(|block| {
            block
                .first()
                .is_some_and(|line| line.starts_with("comparisons:"))
        })
        .expect("a comparisons block")
        .join("\n");
    let weights = yaml
        .iter()
        .find(|block| block.first().is_some_and(|line| line == "weights:"))
        .expect("a weights block")
        .join("\n");
    let folder = tempfile::tempdir().unwrap();
    let judgements = folder.path().join("judgements.yaml");
    std::fs::write(&judgements, format!("{comparisons}\n")).unwrap();
    let saved = folder.path().join("answers.yaml");
    let output = run(
        &[
            "weigh",
            "--comparisons",
            judgements.to_str().unwrap(),
            "--save",
            saved.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let saved = std::fs::read_to_string(&saved).unwrap();
    assert!(
        saved.contains(&format!("{weights}\n")),
        "README's weights:\n{weights}\nsaved:\n{saved}"
    );
    // And the comparisons are consistent enough to use without a warning.
    assert!(!String::from_utf8_lossy(&output.stdout).contains("Warning"));
}
