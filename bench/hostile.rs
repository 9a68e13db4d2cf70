//! Hostile inputs for the `hostile` section of `benches/scaling.rs`: files
//! built to make a quadratic stage show, each at a size given by `n` so
//! that the bench can time it at n and 10n. Deterministic.

use std::fmt::Write;

/// Criteria `c0..c{criteria}` for alternatives `a0..a{alternatives}`, each
/// with weight 1 and scores between 1 and 9, in flow style.
pub fn criteria_head(criteria: usize, alternatives: usize) -> String {
    let mut text = String::from("scale: {min: 0, max: 10}\nalternatives:\n");
    for a in 0..alternatives {
        writeln!(text, "  - {{id: a{a}, name: A{a}}}").unwrap();
    }
    text.push_str("criteria:\n");
    for c in 0..criteria {
        let ratings: Vec<String> = (0..alternatives)
            .map(|a| format!("a{a}: {}", 1 + (c * 7 + a * 3) % 9))
            .collect();
        writeln!(
            text,
            "  - {{id: c{c}, name: C{c}, weight: 1, ratings: {{{}}}}}",
            ratings.join(", ")
        )
        .unwrap();
    }
    text
}

/// An answers file with `n` unknown questions (for the embedded criteria).
pub fn unknown_answers(n: usize) -> String {
    let mut text = String::from("answers:\n");
    for i in 0..n {
        writeln!(text, "  zz{i}: none").unwrap();
    }
    text
}

/// A criteria file whose `n` questions each name an unknown criterion.
pub fn criteria_problems(n: usize) -> String {
    let mut text = criteria_head(3, 2);
    text.push_str("questions:\n");
    for q in 0..n {
        writeln!(
            text,
            "  - {{id: q{q}, prompt: Q?, default: o0, options: [{{id: o0, label: L, add: {{nosuch{q}: 1}}}}]}}"
        )
        .unwrap();
    }
    text
}

/// A comparisons file of `n` judgements, each naming an unknown criterion.
pub fn comparison_problems(n: usize) -> String {
    let mut text = String::from("comparisons:\n");
    for i in 0..n {
        writeln!(text, "  - [x{i}, speed, 3]").unwrap();
    }
    text
}

/// A criteria file with `n` independent questions of two options over 100
/// criteria, and the answers choosing the second option of each.
pub fn many_questions(n: usize) -> (String, String) {
    let mut text = criteria_head(100, 2);
    text.push_str("questions:\n");
    let mut answers = String::from("answers:\n");
    for q in 0..n {
        writeln!(
            text,
            "  - {{id: q{q}, prompt: Q?, default: o0, options: [{{id: o0, label: L, add: {{c{}: 1}}}}, {{id: o1, label: M, multiply: {{c{}: 2}}}}]}}",
            q % 100,
            (q + 1) % 100
        )
        .unwrap();
        writeln!(answers, "  q{q}: o1").unwrap();
    }
    (text, answers)
}

/// A criteria file with 5 criteria and `n` alternatives, and two questions.
pub fn many_alternatives(n: usize) -> String {
    let mut text = criteria_head(5, n);
    text.push_str(
        "questions:\n  - {id: q0, prompt: Q?, default: o0, options: [{id: o0, label: L, add: {c0: 1}}, {id: o1, label: M, add: {c1: 2}}]}\n",
    );
    text
}

/// A criteria file with `n` criteria in `n / 2` groups of two.
pub fn many_groups(n: usize) -> String {
    let mut text = criteria_head(n, 2);
    text.push_str("groups:\n");
    for g in 0..n / 2 {
        writeln!(
            text,
            "  - {{id: g{g}, name: G{g}, why: one property, rest_counts: 0.25, members: [c{}, c{}]}}",
            2 * g,
            2 * g + 1
        )
        .unwrap();
    }
    text
}

/// A criteria file with `n` criteria, all in one group.
pub fn one_big_group(n: usize) -> String {
    let mut text = criteria_head(n, 2);
    let members: Vec<String> = (0..n).map(|c| format!("c{c}")).collect();
    writeln!(
        text,
        "groups:\n  - {{id: g, name: G, why: one property, rest_counts: 0.25, members: [{}]}}",
        members.join(", ")
    )
    .unwrap();
    text
}

/// A chain of `n` follow-ups over 100 criteria, each asked only when the one
/// before keeps its default: changing an early answer takes out every later
/// one.
pub fn follow_up_chain(n: usize) -> String {
    let mut text = criteria_head(100, 2);
    text.push_str("questions:\n");
    for q in 0..n {
        let when = if q > 0 {
            format!(", when: {{q{}: [o0]}}", q - 1)
        } else {
            String::new()
        };
        writeln!(
            text,
            "  - {{id: q{q}, prompt: Q?, default: o0{when}, options: [{{id: o0, label: L, add: {{c{}: 1}}}}, {{id: o1, label: M, add: {{c{}: 1}}}}]}}",
            q % 100,
            (q + 1) % 100
        )
        .unwrap();
    }
    text
}

/// An answers file (JSON) whose one unknown question is `n` characters long.
pub fn long_key(n: usize) -> String {
    format!(r#"{{"answers": {{"{}": "none"}}}}"#, "k".repeat(n))
}
