//! A decision by a team: several members' answers to one verdict. Pure
//! arithmetic, like the engine; the reports lay it out.
//!
//! Facts and preferences are treated apart. A question marked `fact: true`
//! in the questions file states something about the project or the team;
//! the team has one answer to it, which members settle, not average:
//!
//! - a fact that every member who answers it answers alike is the team's;
//! - a fact members answer differently is a *conflict*: the team verdict
//!   meanwhile uses the answer most members gave (a tie goes to the option
//!   listed first in the questions file, so no member's place in the list
//!   decides it), and every report names the conflict first;
//! - a rule-out is a hard constraint, so one member who states it is
//!   enough: it applies to the team whatever the others answered (and is a
//!   conflict when they answered otherwise).
//!
//! Each member's weights are then worked out from their own preferences
//! under the team's facts (a follow-up a member was never asked takes its
//! default), and aggregated by the normalised geometric mean (aggregation
//! of individual priorities, Forman & Peniwati 1998):
//!
//! ```text
//! w_team(c) = g(c) / Σ_k g(k)      g(c) = (Π_m s_m(c))^(1/M)
//! ```
//!
//! where `s_m(c)` is member m's share of weight on criterion c. A share of
//! 0 means the member's answers leave the criterion out of the decision
//! (it does not apply), which is not "a little": the geometric mean would
//! let that one member veto it. So a criterion that only K of the M
//! members weigh gets the geometric mean of those K shares times K/M: a
//! member who leaves a criterion out counts against it by head, not as a
//! veto. With every member weighing it, that is the plain geometric mean.
//!
//! Scores come from the facts: an answer that replaces a score is a fact's
//! in the embedded questions, and facts are the team's. Where members'
//! preferences replace a score differently, the team uses their mean.

use crate::answers::{Answers, resolve};
use crate::engine::sensitivity::{self, CriterionSensitivity, Stability, criterion_flips};
use crate::engine::uncertainty::{self, Uncertainty};
use crate::engine::{self, Analysis, Assessment, Method, MethodError, Scenario, Verdict};
use crate::model::Model;

/// One member: a name (an answers file's stem) and their answers.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub answers: Answers,
}

/// A fact question members answer differently.
#[derive(Debug, Clone, PartialEq)]
pub struct FactConflict {
    pub question: usize,
    /// The option the team verdict uses until the team settles it.
    pub used: usize,
    /// No option has more members than every other: `used` is the first
    /// of the most given in the questions file's order.
    pub tied: bool,
    /// The team verdict were the team to settle on each other option some
    /// member gave, in option order: what settling the fact decides.
    pub otherwise: Vec<(usize, Verdict)>,
}

/// Everything worked out for a team.
#[derive(Debug, Clone)]
pub struct Team<'m> {
    pub members: Vec<Member>,
    /// Each member's own verdict, from their own answers.
    pub analyses: Vec<Analysis<'m>>,
    /// Fact questions answered differently, in question order.
    pub conflicts: Vec<FactConflict>,
    /// Questions (fact or not) that members answered differently,
    /// including one a member was asked and another was not.
    pub differences: Vec<usize>,
    /// The team's scenario: aggregated weights (summing to 1), the facts'
    /// scores, every member's rule-outs.
    pub scenario: Scenario<'m>,
    pub assessment: Assessment,
    /// Per criterion, in model order, how far the team's weight may move
    /// either way before the top changes: factors of the team's
    /// (aggregated, final) weights.
    pub flips: Vec<CriterionSensitivity>,
    /// The team's label: the lead and the flips of its weights, and with
    /// sampling its uncertainty (as for one member's verdict).
    pub stability: Stability,
    /// The uncertainty analysis of the team's weights, when sampled.
    pub uncertainty: Option<Uncertainty>,
    /// For each member, the team verdict with that member left out; `None`
    /// for a team of one.
    pub without: Vec<Option<Verdict>>,
}

impl Team<'_> {
    /// The members whose leaving out changes the team's winner.
    pub fn pivotal(&self) -> impl Iterator<Item = (usize, &Verdict)> + '_ {
        self.without
            .iter()
            .enumerate()
            .filter_map(|(member, verdict)| verdict.as_ref().map(|verdict| (member, verdict)))
            .filter(|(_, verdict)| winner(verdict) != winner(&self.assessment.verdict))
    }
}

/// The winning alternative, if one wins outright.
pub fn winner(verdict: &Verdict) -> Option<usize> {
    match verdict {
        Verdict::Winner { alternative, .. } => Some(*alternative),
        _ => None,
    }
}

/// Decides for `members` (at least one) under `method`, with the
/// uncertainty analysis of each member's and the team's weights when
/// `sampling` is given.
pub fn decide<'m>(
    model: &'m Model,
    members: Vec<Member>,
    method: Method,
    sampling: Option<&uncertainty::Settings>,
) -> Result<Team<'m>, MethodError> {
    let analyses = members
        .iter()
        .map(|member| engine::analyse_sampled(model, &member.answers, method, sampling))
        .collect::<Result<Vec<_>, _>>()?;
    let all: Vec<&Member> = members.iter().collect();
    let all_analyses: Vec<&Analysis> = analyses.iter().collect();
    let (scenario, mut conflicts) = aggregate(model, &all, &all_analyses, None);
    let assessment = engine::assess(model, &scenario, method)?;
    // The team's weights are final weights, groups already shared: the
    // sensitivity reads them as such.
    let mut ungrouped = model.clone();
    ungrouped.groups.clear();
    let flips = criterion_flips(&ungrouped, &scenario, &assessment);
    let mut stability = sensitivity::weight_stability(&ungrouped, &assessment, &flips);
    let team_winner = winner(&assessment.verdict);
    let uncertainty =
        sampling.and_then(|settings| uncertainty::analyse(model, &scenario, team_winner, settings));
    if let (Some(uncertainty), Some(team_winner)) = (&uncertainty, team_winner) {
        stability = uncertainty::stability(stability, uncertainty, method, team_winner);
    }
    for conflict in &mut conflicts {
        let given: Vec<usize> = (0..model.questions[conflict.question].choices.len())
            .filter(|&choice| {
                choice != conflict.used
                    && members
                        .iter()
                        .any(|member| member.answers.choice(conflict.question) == Some(choice))
            })
            .collect();
        for choice in given {
            let (scenario, _) = aggregate(
                model,
                &all,
                &all_analyses,
                Some((conflict.question, choice)),
            );
            let verdict = engine::assess(model, &scenario, method)?.verdict;
            conflict.otherwise.push((choice, verdict));
        }
    }
    let mut without = vec![None; members.len()];
    if members.len() > 1 {
        for (left_out, slot) in without.iter_mut().enumerate() {
            let others: Vec<&Member> = all
                .iter()
                .enumerate()
                .filter(|(index, _)| *index != left_out)
                .map(|(_, member)| *member)
                .collect();
            let other_analyses: Vec<&Analysis> = analyses
                .iter()
                .enumerate()
                .filter(|(index, _)| *index != left_out)
                .map(|(_, analysis)| analysis)
                .collect();
            let (scenario, _) = aggregate(model, &others, &other_analyses, None);
            *slot = Some(engine::assess(model, &scenario, method)?.verdict);
        }
    }
    let differences = (0..model.questions.len())
        .filter(|&question| {
            let first = members[0].answers.choice(question);
            members
                .iter()
                .any(|member| member.answers.choice(question) != first)
        })
        .collect();
    Ok(Team {
        members,
        analyses,
        conflicts,
        differences,
        scenario,
        assessment,
        flips,
        stability,
        uncertainty,
        without,
    })
}

/// The team's facts, then its scenario from them and the members'
/// preferences; with `settled`, one fact question's answer as the team
/// would settle it.
fn aggregate<'m>(
    model: &'m Model,
    members: &[&Member],
    analyses: &[&Analysis<'m>],
    settled: Option<(usize, usize)>,
) -> (Scenario<'m>, Vec<FactConflict>) {
    let (mut facts, conflicts) = settle_facts(model, members);
    if let Some((question, choice)) = settled {
        facts[question] = Some(choice);
    }
    let under_facts: Vec<Answers> = members
        .iter()
        .map(|member| {
            let given: Vec<Option<usize>> = model
                .questions
                .iter()
                .enumerate()
                .map(|(question, entry)| {
                    if entry.fact {
                        facts[question]
                    } else {
                        member.answers.choice(question)
                    }
                })
                .collect();
            Answers {
                choices: resolve(model, &given),
                explicit_weights: member.answers.explicit_weights.clone(),
            }
        })
        .collect();
    let scenarios: Vec<Scenario<'m>> = under_facts
        .iter()
        .map(|answers| engine::weigh(model, answers))
        .collect();
    let shares: Vec<Vec<f64>> = scenarios
        .iter()
        .map(|scenario| normalised(&scenario.weights))
        .collect();
    let weights = normalised(
        &(0..model.criteria.len())
            .map(|criterion| geometric_mean_of_weighing(shares.iter().map(|s| s[criterion])))
            .collect::<Vec<_>>(),
    );
    let mut team = scenarios[0].clone();
    team.weights = weights;
    team.raw_weights = Vec::new();
    // Scores a preference replaced differently: the members' mean.
    for criterion in 0..model.criteria.len() {
        for alternative in 0..model.alternatives.len() {
            let first = scenarios[0].scores[criterion][alternative];
            if scenarios
                .iter()
                .any(|scenario| scenario.scores[criterion][alternative] != first)
            {
                let mean = scenarios
                    .iter()
                    .map(|scenario| scenario.scores[criterion][alternative])
                    .sum::<f64>()
                    / scenarios.len() as f64;
                team.scores.set(criterion, alternative, mean);
            }
        }
    }
    // A rule-out any member states holds for the team.
    for analysis in analyses {
        for (slot, ruled) in team.ruled_out.iter_mut().zip(&analysis.scenario.ruled_out) {
            if slot.is_none() {
                *slot = *ruled;
            }
        }
    }
    (team, conflicts)
}

/// Each fact question's team answer (in question order, so a follow-up
/// sees the team's answer to the question it depends on), and the facts
/// members answer differently.
fn settle_facts(model: &Model, members: &[&Member]) -> (Vec<Option<usize>>, Vec<FactConflict>) {
    let mut facts = vec![None; model.questions.len()];
    let mut conflicts = Vec::new();
    for (question, entry) in model.questions.iter().enumerate() {
        if !entry.fact {
            continue;
        }
        let mut counts = vec![0usize; entry.choices.len()];
        for member in members {
            if let Some(choice) = member.answers.choice(question) {
                counts[choice] += 1;
            }
        }
        let most = counts.iter().copied().max().unwrap_or(0);
        if most == 0 {
            continue;
        }
        // The first option with the most votes: ties go to file order.
        let used = counts.iter().position(|&count| count == most).unwrap_or(0);
        facts[question] = Some(used);
        if counts.iter().filter(|&&count| count > 0).count() > 1 {
            let tied = counts.iter().filter(|&&count| count == most).count() > 1;
            conflicts.push(FactConflict {
                question,
                used,
                tied,
                otherwise: Vec::new(),
            });
        }
    }
    (facts, conflicts)
}

/// The geometric mean of the positive shares, times the fraction of
/// members who give one (see the module's documentation).
fn geometric_mean_of_weighing(shares: impl Iterator<Item = f64>) -> f64 {
    let mut members = 0usize;
    let mut weighing = 0usize;
    let mut log_sum = 0.0;
    for share in shares {
        members += 1;
        if share > 0.0 {
            weighing += 1;
            log_sum += share.ln();
        }
    }
    if weighing == 0 {
        return 0.0;
    }
    (log_sum / weighing as f64).exp() * weighing as f64 / members as f64
}

/// Weights scaled to sum to 1 (left as they are when they sum to 0).
/// Divided by the largest first, so that weights whose sum is past f64's
/// range (a file may hold 1e308 twice) still give their shares.
fn normalised(weights: &[f64]) -> Vec<f64> {
    let largest = weights.iter().copied().fold(0.0, f64::max);
    if !(largest > 0.0 && largest.is_finite()) {
        return weights.to_vec();
    }
    let total: f64 = weights.iter().map(|weight| weight / largest).sum();
    weights
        .iter()
        .map(|weight| weight / largest / total)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Random answers to the embedded questions: each question's option
    /// drawn by index, then resolved so only the questions that apply
    /// are answered.
    fn answers(model: &Model, picks: &[usize]) -> Answers {
        let given: Vec<Option<usize>> = model
            .questions
            .iter()
            .zip(picks)
            .map(|(question, pick)| Some(pick % question.choices.len()))
            .collect();
        Answers {
            choices: resolve(model, &given),
            explicit_weights: None,
        }
    }

    /// A conflict's question, the answer used, whether tied, and the
    /// winner under each other answer.
    type Settled = (usize, usize, bool, Vec<(usize, Option<usize>)>);

    fn member(name: &str, answers: Answers) -> Member {
        Member {
            name: name.to_owned(),
            answers,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Unanimity: members who all give the same answers make a team
        /// with that member's weights and verdict.
        #[test]
        fn identical_members_give_that_members_verdict_and_weights(
            picks in proptest::collection::vec(0usize..8, 32),
            size in 2usize..5,
        ) {
            let model = Model::embedded().unwrap();
            let one = answers(&model, &picks);
            let members = (0..size).map(|index| member(&format!("m{index}"), one.clone())).collect();
            let team = decide(&model, members, Method::WeightedSum, None).unwrap();
            let alone = &team.analyses[0].assessment;
            // Equal up to rounding: the geometric mean goes through logarithms.
            prop_assert_eq!(winner(&team.assessment.verdict), winner(&alone.verdict));
            for (team_total, total) in team.assessment.totals.iter().zip(&alone.totals) {
                prop_assert!((team_total - total).abs() < 1e-9);
            }
            for (team_share, share) in team.assessment.shares.iter().zip(&alone.shares) {
                prop_assert!((team_share - share).abs() < 1e-12);
            }
            prop_assert!(team.conflicts.is_empty());
            prop_assert!(team.differences.is_empty());
        }

        /// Anonymity: the order members are given in changes nothing the
        /// team decides.
        #[test]
        fn member_order_does_not_matter(
            picks in proptest::collection::vec(proptest::collection::vec(0usize..8, 32), 2..5),
            rotation in 1usize..4,
        ) {
            let model = Model::embedded().unwrap();
            let members: Vec<Member> = picks
                .iter()
                .enumerate()
                .map(|(index, picks)| member(&format!("m{index}"), answers(&model, picks)))
                .collect();
            let mut turned = members.clone();
            turned.rotate_left(rotation % members.len());
            turned.reverse();
            let team = decide(&model, members, Method::WeightedSum, None).unwrap();
            let other = decide(&model, turned, Method::WeightedSum, None).unwrap();
            prop_assert_eq!(winner(&team.assessment.verdict), winner(&other.assessment.verdict));
            for (a, b) in team.assessment.shares.iter().zip(&other.assessment.shares) {
                prop_assert!((a - b).abs() < 1e-12);
            }
            for (a, b) in team.assessment.totals.iter().zip(&other.assessment.totals) {
                prop_assert!((a - b).abs() < 1e-9);
            }
            // The same conflicts, and under each other answer the same
            // winner (margins equal up to rounding, like the totals).
            let settled = |team: &Team| -> Vec<Settled> {
                team.conflicts
                    .iter()
                    .map(|conflict| {
                        let otherwise = conflict
                            .otherwise
                            .iter()
                            .map(|(choice, verdict)| (*choice, winner(verdict)))
                            .collect();
                        (conflict.question, conflict.used, conflict.tied, otherwise)
                    })
                    .collect()
            };
            prop_assert_eq!(settled(&team), settled(&other));
            prop_assert_eq!(
                team.scenario.ruled_out.iter().map(Option::is_some).collect::<Vec<_>>(),
                other.scenario.ruled_out.iter().map(Option::is_some).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_share_some_members_leave_out_counts_by_head() {
        // Two members weigh it at 0.2 and 0.05 (geometric mean 0.1), a
        // third leaves it out: 0.1 × 2/3.
        let value = geometric_mean_of_weighing([0.2, 0.0, 0.05].into_iter());
        assert!((value - 0.1 * 2.0 / 3.0).abs() < 1e-12, "{value}");
        assert_eq!(geometric_mean_of_weighing([0.0, 0.0].into_iter()), 0.0);
    }

    #[test]
    fn weights_past_the_range_of_their_sum_still_give_shares() {
        assert_eq!(normalised(&[1e308, 1e308, 0.0]), vec![0.5, 0.5, 0.0]);
        assert_eq!(normalised(&[0.0, 0.0]), vec![0.0, 0.0]);
    }
}
