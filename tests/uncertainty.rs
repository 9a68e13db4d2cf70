//! The uncertainty analysis from the command line: a rating range that can
//! turn the verdict round shows in the line under the stability line and
//! lowers the label; the flags are checked.

use assert_cmd::Command;

fn pick_stack() -> Command {
    Command::cargo_bin("pick-stack").expect("binary is built")
}

/// Two criteria of equal weight: Alpha ahead by 3 points on the first and
/// level on the second, a lead of 1.5 on the 0–10 scale, unless Beta's
/// second score may lie anywhere from 4 to 10.
const CRITERIA: &str = "\
scale: {min: 0, max: 10}
alternatives:
  - {id: a, name: Alpha}
  - {id: b, name: Beta}
criteria:
  - id: first
    name: First
    description: The first.
    weight: 1
    ratings: {a: 9, b: 6}
  - id: second
    name: Second
    description: The second.
    weight: 1
    ratings:
      a: 7
      b: {score: 7, range: [4, 10]}
";

fn advise(criteria: &str, extra: &[&str]) -> (String, i32) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("criteria.yaml");
    std::fs::write(&path, criteria).expect("criteria written");
    let output = pick_stack()
        .arg("--criteria")
        .arg(&path)
        .args(["advise", "--defaults"])
        .args(extra)
        .write_stdin("")
        .output()
        .expect("runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        output.status.code().unwrap_or(-1),
    )
}

fn line<'a>(stdout: &'a str, start: &str) -> &'a str {
    stdout
        .lines()
        .find(|line| line.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?}:\n{stdout}"))
}

#[test]
fn a_range_that_can_turn_the_verdict_shows_and_lowers_the_label() {
    // Exact, Alpha leads by 1.5 of 10 points (15%) and no single weight
    // within ×/÷ 2 can change that: decisive, and first in every sample.
    let exact = CRITERIA.replace("b: {score: 7, range: [4, 10]}", "b: 7");
    let (stdout, _) = advise(&exact, &["--method", "wsm"]);
    assert!(
        line(&stdout, "Stability:").starts_with("Stability: decisive"),
        "{stdout}"
    );
    assert!(
        line(&stdout, "Uncertainty:").contains("Alpha wins in 100% of 10,000"),
        "{stdout}"
    );
    // With shares w₁ and w₂, Beta leads when w₂ (x − 7) > 3 w₁: never at
    // equal weights (x would need to pass 10), but with the first weighed
    // down to a quarter of the second, for x above 7.75. Over the weights
    // within ×/÷ 2 and x uniform on [4, 10] that is 8.4% of the samples
    // (integrated numerically: P = E[max(0, (1 − w₁/w₂) / 2)]): Alpha
    // keeps the top in 91.6%, below the 95% decisive needs.
    let (stdout, _) = advise(CRITERIA, &["--method", "wsm"]);
    let uncertainty = line(&stdout, "Uncertainty:");
    assert!(
        uncertainty.contains("1 rating within its range"),
        "{stdout}"
    );
    assert!(!uncertainty.contains("100%"), "{stdout}");
    assert!(
        !line(&stdout, "Stability:").starts_with("Stability: decisive"),
        "{stdout}"
    );
    // The same seed gives the same line; another seed another one.
    assert_eq!(advise(CRITERIA, &["--method", "wsm"]).0, stdout);
    // Another seed gives other figures, within what 10,000 samples allow:
    // two estimates of 0.916 differ by a standard error of 0.004.
    let share = |seed: &str| {
        let (json, _) = advise(
            CRITERIA,
            &["--method", "wsm", "--seed", seed, "--format", "json"],
        );
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        value["uncertainty"]["winner_everywhere"]
            .as_f64()
            .expect("a share")
    };
    let (seventeen, five) = (share("17"), share("5"));
    assert_ne!(seventeen, five);
    assert!((seventeen - five).abs() < 0.02, "{seventeen} {five}");
    // 0.01 is 3.6 standard errors of a share near 0.916 from 10,000.
    assert!((seventeen - 0.916).abs() < 0.01, "{seventeen}");
}

#[test]
fn samples_zero_turns_the_analysis_off_and_a_bad_spread_is_refused() {
    let (stdout, code) = advise(CRITERIA, &["--samples", "0"]);
    assert_eq!(code, 0);
    assert!(!stdout.contains("Uncertainty:"), "{stdout}");
    let output = pick_stack()
        .args(["advise", "--defaults", "--weights-spread", "0.5"])
        .write_stdin("")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("a factor of 1 or more"), "{stderr}");
    // A count that would run for hours is a typo, refused at once.
    let output = pick_stack()
        .args(["advise", "--defaults", "--samples", "18446744073709551615"])
        .write_stdin("")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("at most 10000000 samples"), "{stderr}");
}
