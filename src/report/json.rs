//! `--format json`: one JSON document per run, described by
//! `schema/pick-stack.schema.json`. It carries every figure the table shows,
//! unrounded; `document` says which kind it is and `schema_version` changes
//! only when a field's meaning does.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::advice::Advice;
use super::{Document, Validation};
use crate::engine::sensitivity::{CriterionSensitivity, Flip};
use crate::engine::{Change, Verdict};
use crate::model::{Kind, Model};

/// 2: a criterion's `weight` includes its group's share (`raw_weight` is
/// the weight before it); `evidence`, `groups` and `revisions` added.
pub const SCHEMA_VERSION: u32 = 2;

pub fn write(out: &mut dyn Write, document: &Document<'_>) -> io::Result<()> {
    match document {
        Document::Advice { advice, .. } => write_advice(out, advice),
        Document::Matrix(model) => write_matrix(out, model),
        Document::Questions(model) => emit(out, &questions_json(model)),
        Document::Validation(validation) => emit(out, &validation_json(validation)),
        Document::Weights {
            model,
            weighing,
            explicit,
        } => emit(out, &weights_json(model, weighing, explicit)),
    }
}

/// Pretty-printed, in field order, so `schema_version` and `document` lead.
pub(crate) fn emit<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, TerminalSafe::default());
    // `From` hands back a write's own error: a reader gone away stays a
    // broken pipe, which ends a run quietly.
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    writeln!(out)
}

/// serde_json's pretty printer (two spaces an indent), writing as `\uXXXX`
/// escapes the characters JSON lets through raw but a terminal acts on:
/// DEL and the C1 controls (U+009B starts a command like ESC [), bidi
/// controls and invisible characters (see [`crate::untrusted::is_unsafe`]).
/// A JSON reader gets the same strings; `jq` or `cat` at a terminal shows
/// escapes, not effects. The layout is serde_json's `PrettyFormatter`'s,
/// byte for byte, except that a line break and its indent go out in one
/// write rather than one per level: a 10,000-criterion document has
/// millions of them.
#[derive(Default)]
struct TerminalSafe {
    depth: usize,
    has_value: bool,
}

/// A line break followed by enough spaces for [`TERMINAL_SAFE_DEPTH`]
/// levels.
const NEWLINE_AND_INDENT: [u8; 1 + 2 * TERMINAL_SAFE_DEPTH] = {
    let mut bytes = [b' '; 1 + 2 * TERMINAL_SAFE_DEPTH];
    bytes[0] = b'\n';
    bytes
};
/// Levels indented in one write; deeper ones (no document here nests so
/// far) take one write per extra level.
const TERMINAL_SAFE_DEPTH: usize = 32;

impl TerminalSafe {
    fn newline<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        let shallow = self.depth.min(TERMINAL_SAFE_DEPTH);
        writer.write_all(&NEWLINE_AND_INDENT[..1 + 2 * shallow])?;
        for _ in shallow..self.depth {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(writer)?;
        }
        writer.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.newline(writer)
    }
}

impl serde_json::ser::Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json escapes the C0 controls itself: printable ASCII, most
        // of any document, needs no look at each character.
        if fragment.bytes().all(|byte| (0x20..0x7f).contains(&byte)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if crate::untrusted::is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[derive(Serialize)]
struct Header {
    schema_version: u32,
    document: &'static str,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

fn header(document: &'static str) -> Header {
    Header {
        schema_version: SCHEMA_VERSION,
        document,
    }
}

#[derive(Serialize)]
struct Scale {
    min: f64,
    max: f64,
}

fn kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Benefit => "benefit",
        Kind::Cost => "cost",
    }
}

/// Which evidence layer the scores come from, and what the layers are.
#[derive(Serialize)]
struct EvidenceJson {
    /// `current` or `article`.
    layer: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    current_as_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    article: Option<ArticleJson>,
}

#[derive(Serialize)]
struct ArticleJson {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

fn evidence_json(model: &Model) -> EvidenceJson {
    EvidenceJson {
        layer: model.evidence.id(),
        current_as_of: model.provenance.current_as_of.clone(),
        article: model
            .provenance
            .article
            .as_ref()
            .map(|article| ArticleJson {
                title: article.title.clone(),
                publisher: article.publisher.clone(),
                date: article.date.clone(),
                note: article.note.clone(),
            }),
    }
}

#[derive(Serialize)]
struct GroupJson {
    id: String,
    name: String,
    why: String,
    /// Criterion ids.
    members: Vec<String>,
    /// What each member beyond the heaviest adds to the group's weight, as
    /// a fraction of its own.
    rest_counts: f64,
}

fn groups_json(model: &Model) -> Vec<GroupJson> {
    model
        .groups
        .iter()
        .map(|group| GroupJson {
            id: group.id.clone(),
            name: group.name.clone(),
            why: group.why.clone(),
            members: group
                .members
                .iter()
                .map(|&member| model.criteria[member].id.clone())
                .collect(),
            rest_counts: group.rest_counts,
        })
        .collect()
}

/// A rating whose current score departs from the article's.
#[derive(Serialize)]
struct RevisionJson<'a> {
    alternative: &'a str,
    article: f64,
    current: f64,
    since: &'a str,
    note: &'a str,
}

fn revisions_json(model: &Model, criterion: usize) -> Vec<RevisionJson<'_>> {
    model
        .revisions_of(criterion)
        .iter()
        .map(|revision| RevisionJson {
            alternative: &model.alternatives[revision.alternative].id,
            article: revision.article,
            current: revision.current,
            since: &revision.since,
            note: &revision.note,
        })
        .collect()
}

/// Ids in the order a map keyed by them lists them: byte order, as a
/// `BTreeMap<String, _>` would. Worked out once per document, so each of
/// thousands of criteria writes its maps straight from the model's slices
/// instead of building and freeing a map.
pub(crate) struct IdOrder<'m>(Vec<(&'m str, usize)>);

impl<'m> IdOrder<'m> {
    fn new(ids: impl Iterator<Item = &'m str>) -> Self {
        let mut order: Vec<(&str, usize)> = ids.enumerate().map(|(at, id)| (id, at)).collect();
        order.sort_unstable_by(|a, b| a.0.cmp(b.0));
        Self(order)
    }

    /// A JSON object from these ids to `values`, indexed as the model is.
    fn map<'a, V>(&'a self, values: &'a [V]) -> ById<'a, V> {
        ById {
            order: &self.0,
            values,
            only_weighed: None,
        }
    }
}

/// The id orders of a model's alternatives and criteria.
pub(crate) struct Orders<'m> {
    alternatives: IdOrder<'m>,
    criteria: IdOrder<'m>,
}

impl<'m> Orders<'m> {
    pub(crate) fn new(model: &'m Model) -> Self {
        Self {
            alternatives: IdOrder::new(model.alternatives.iter().map(|a| a.id.as_str())),
            criteria: IdOrder::new(model.criteria.iter().map(|c| c.id.as_str())),
        }
    }
}

/// A JSON object from ids to values, written from slices in id order.
struct ById<'a, V> {
    order: &'a [(&'a str, usize)],
    values: &'a [V],
    /// Only the entries whose share here is above zero (the criteria the
    /// answers weigh).
    only_weighed: Option<&'a [f64]>,
}

impl<V: Serialize> Serialize for ById<'_, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for &(id, at) in self.order {
            if !self.only_weighed.is_none_or(|shares| shares[at] > 0.0) {
                continue;
            }
            map.serialize_entry(id, &self.values[at])?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct AdviceJson<'a> {
    #[serde(flatten)]
    header: Header,
    method: &'static str,
    evidence: EvidenceJson,
    scale: Scale,
    answers: Vec<AnswerJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explicit_weights_from: Option<&'a str>,
    alternatives: Vec<AlternativeJson<'a>>,
    criteria: CriteriaJson<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<GroupJson>,
    verdict: VerdictJson,
    stability: &'static str,
    answer_flips: Vec<AnswerFlipJson<'a>>,
    /// Other answers not checked for a flip (see `sensitivity::answer_flips`).
    #[serde(skip_serializing_if = "is_zero")]
    answer_flips_unchecked: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    topsis: Option<TopsisJson<'a>>,
    /// Absent with `--samples 0` or fewer than two eligible alternatives.
    #[serde(skip_serializing_if = "Option::is_none")]
    uncertainty: Option<UncertaintyJson<'a>>,
}

#[derive(Serialize)]
pub(crate) struct UncertaintyJson<'a> {
    samples: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_samples_lowered_from: Option<usize>,
    seed: u64,
    /// A factor, or `"any"`.
    weights_spread: serde_json::Value,
    ranged_ratings: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    methods_left_out: Vec<&'static str>,
    /// Share of samples the verdict's winner is first alone under every
    /// method; null without a single winner.
    winner_everywhere: Option<f64>,
    methods: Vec<MethodUncertaintyJson<'a>>,
}

#[derive(Serialize)]
struct MethodUncertaintyJson<'a> {
    method: &'static str,
    /// Share of samples whose sole winner is the verdict's; null without one.
    agreement: Option<f64>,
    alternatives: BTreeMap<&'a str, AcceptabilityJson<'a>>,
}

#[derive(Serialize)]
struct AcceptabilityJson<'a> {
    rank_acceptability: &'a [f64],
    first_alone: f64,
    /// The weighed criteria's central weights, by criterion id.
    central_weights: Option<ById<'a, f64>>,
    confidence: Option<f64>,
}

pub(crate) fn uncertainty_json<'a>(
    model: &'a Model,
    orders: &'a Orders<'a>,
    verdict: &Verdict,
    shares: &'a [f64],
    uncertainty: &'a crate::engine::uncertainty::Uncertainty,
) -> UncertaintyJson<'a> {
    use crate::engine::uncertainty::Spread;
    let winner = match verdict {
        Verdict::Winner { alternative, .. } => Some(*alternative),
        _ => None,
    };
    UncertaintyJson {
        samples: uncertainty.samples,
        default_samples_lowered_from: uncertainty.lowered_from,
        seed: uncertainty.seed,
        weights_spread: match uncertainty.spread {
            Spread::Factor(factor) => serde_json::json!(factor),
            Spread::Any => serde_json::json!("any"),
        },
        ranged_ratings: uncertainty.ranged_ratings,
        methods_left_out: uncertainty.left_out.iter().map(|m| m.id()).collect(),
        winner_everywhere: uncertainty.winner_everywhere,
        methods: uncertainty
            .methods
            .iter()
            .map(|figures| MethodUncertaintyJson {
                method: figures.method.id(),
                agreement: winner.map(|winner| figures.wins[winner]),
                alternatives: model
                    .alternatives
                    .iter()
                    .enumerate()
                    .filter(|(index, _)| !figures.acceptability[*index].iter().all(|s| *s == 0.0))
                    .map(|(index, alternative)| {
                        (
                            alternative.id.as_str(),
                            AcceptabilityJson {
                                rank_acceptability: &figures.acceptability[index],
                                first_alone: figures.wins[index],
                                central_weights: figures.central_weights[index].as_ref().map(
                                    |weights| ById {
                                        only_weighed: Some(shares),
                                        ..orders.criteria.map(weights)
                                    },
                                ),
                                confidence: figures.confidence[index],
                            },
                        )
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct AnswerJson<'a> {
    question: &'a str,
    option: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct AlternativeJson<'a> {
    id: &'a str,
    name: &'a str,
    total: f64,
    /// 1 for the best eligible alternative; absent when ruled out.
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<usize>,
    eligible: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    ruled_out: Option<RuledOutJson<'a>>,
}

#[derive(Serialize)]
struct RuledOutJson<'a> {
    reason: &'a str,
    question: &'a str,
    option: &'a str,
}

/// The `criteria` array: each entry is built as it is written, so ten
/// thousand criteria never sit in memory twice.
struct CriteriaJson<'a> {
    advice: &'a Advice<'a>,
    orders: &'a Orders<'a>,
    contributions: &'a crate::engine::method::Contributions,
    eligible: &'a [bool],
}

impl Serialize for CriteriaJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let count = self.advice.model.criteria.len();
        let mut seq = serializer.serialize_seq(Some(count))?;
        for index in 0..count {
            seq.serialize_element(&self.criterion(index))?;
        }
        seq.end()
    }
}

impl<'a> CriteriaJson<'a> {
    fn criterion(&self, index: usize) -> CriterionJson<'a> {
        let Advice {
            model,
            scenario,
            assessment,
            sensitivity,
            traces,
            ..
        } = *self.advice;
        let criterion = &model.criteria[index];
        let trace = &traces[index];
        let scores: &'a [f64] = &scenario.scores[index];
        CriterionJson {
            id: &criterion.id,
            name: &criterion.name,
            kind: kind(model.kinds[index]),
            base_weight: trace.base,
            base_weight_from: if trace.explicit {
                "answers"
            } else {
                "criteria"
            },
            changes: trace
                .changes
                .iter()
                .map(|step| {
                    let (question, option) = question_option(model, step.question, step.choice);
                    let (add, multiply) = match step.change {
                        Change::Add(amount) => (Some(amount), None),
                        Change::Multiply(factor) => (None, Some(factor)),
                    };
                    ChangeJson {
                        question,
                        option,
                        add,
                        multiply,
                    }
                })
                .collect(),
            raw_weight: trace.raw,
            group: trace.group.map(|share| GroupShareJson {
                id: &model.groups[share.group].id,
                factor: share.factor,
            }),
            weight: scenario.weights[index],
            share: assessment.shares[index],
            scores: self.orders.alternatives.map(scores),
            revisions: revisions_json(model, index),
            contributions: self.orders.alternatives.map(&self.contributions[index]),
            leaders: crate::engine::leaders(scores, model.kinds[index], self.eligible)
                .into_iter()
                .map(|alternative| model.alternatives[alternative].id.as_str())
                .collect(),
            sensitivity: sensitivity_json(model, &sensitivity.criteria[index]),
        }
    }
}

#[derive(Serialize)]
struct CriterionJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    base_weight: f64,
    /// `criteria` (the criteria file) or `answers` (set by the answers file).
    base_weight_from: &'static str,
    changes: Vec<ChangeJson<'a>>,
    /// The weight after the answers, before its group shares it.
    raw_weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<GroupShareJson<'a>>,
    weight: f64,
    share: f64,
    scores: ById<'a, f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    revisions: Vec<RevisionJson<'a>>,
    contributions: ById<'a, f64>,
    leaders: Vec<&'a str>,
    sensitivity: SensitivityJson<'a>,
}

#[derive(Serialize)]
struct GroupShareJson<'a> {
    id: &'a str,
    /// `weight = raw_weight × factor`: the group's weight over the sum of
    /// its members' raw weights.
    factor: f64,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    question: &'a str,
    option: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    add: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    multiply: Option<f64>,
}

#[derive(Serialize)]
pub(crate) struct SensitivityJson<'a> {
    /// Factor (or, for an unweighted criterion, weight) that changes the top.
    #[serde(skip_serializing_if = "Option::is_none")]
    raise: Option<FlipJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lower: Option<FlipJson<'a>>,
}

#[derive(Serialize)]
struct FlipJson<'a> {
    at: f64,
    new_leader: &'a str,
}

#[derive(Serialize)]
struct VerdictJson {
    /// `winner`, `tie` or `none_eligible`.
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    winner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    runner_up: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tied: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    margin: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relative_margin: Option<f64>,
}

#[derive(Serialize)]
struct AnswerFlipJson<'a> {
    question: &'a str,
    option: &'a str,
    /// Follow-ups the changed answer brings in, at their defaults.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    with: Vec<FollowUpJson<'a>>,
    verdict: VerdictJson,
}

#[derive(Serialize)]
struct FollowUpJson<'a> {
    question: &'a str,
    option: &'a str,
}

#[derive(Serialize)]
struct TopsisJson<'a> {
    ideal: ById<'a, f64>,
    anti_ideal: ById<'a, f64>,
    distance_to_ideal: ById<'a, f64>,
    distance_to_anti_ideal: ById<'a, f64>,
}

/// A question's id and the id of one of its options.
fn question_option(model: &Model, question: usize, choice: usize) -> (&str, &str) {
    let entry = &model.questions[question];
    (&entry.id, &entry.choices[choice].id)
}

fn verdict_json(model: &Model, verdict: &Verdict, relative_margin: Option<f64>) -> VerdictJson {
    let id = |index: usize| model.alternatives[index].id.clone();
    match verdict {
        Verdict::Winner {
            alternative,
            runner_up,
            margin,
        } => VerdictJson {
            kind: "winner",
            winner: Some(id(*alternative)),
            runner_up: runner_up.map(id),
            tied: Vec::new(),
            margin: runner_up.map(|_| *margin),
            relative_margin,
        },
        Verdict::Tie { alternatives, .. } => VerdictJson {
            kind: "tie",
            winner: None,
            runner_up: None,
            tied: alternatives.iter().map(|&index| id(index)).collect(),
            margin: Some(0.0),
            relative_margin: None,
        },
        Verdict::NoneEligible => VerdictJson {
            kind: "none_eligible",
            winner: None,
            runner_up: None,
            tied: Vec::new(),
            margin: None,
            relative_margin: None,
        },
    }
}

fn flip_json(model: &Model, flip: Option<Flip>) -> Option<FlipJson<'_>> {
    flip.map(|flip| FlipJson {
        at: flip.at,
        new_leader: &model.alternatives[flip.new_leader].id,
    })
}

pub(crate) fn sensitivity_json<'a>(
    model: &'a Model,
    entry: &CriterionSensitivity,
) -> SensitivityJson<'a> {
    SensitivityJson {
        raise: flip_json(model, entry.raise),
        lower: flip_json(model, entry.lower),
    }
}

/// Every figure is in `advice` already; this lays them out and writes
/// them, one criterion at a time.
fn write_advice(out: &mut dyn Write, advice: &Advice<'_>) -> io::Result<()> {
    let Advice {
        model,
        answers,
        scenario,
        assessment,
        sensitivity,
        uncertainty,
        ..
    } = *advice;
    let orders = Orders::new(model);
    // Each alternative's place in the ranking, looked up once: asking the
    // ranking for each alternative would cost the square of their number.
    let mut ranks = vec![None; model.alternatives.len()];
    for (rank, &ranked) in assessment.ranking.iter().enumerate() {
        ranks[ranked] = Some(rank + 1);
    }
    let alternatives = model
        .alternatives
        .iter()
        .enumerate()
        .map(|(index, alternative)| AlternativeJson {
            id: &alternative.id,
            name: &alternative.name,
            total: assessment.totals[index],
            rank: ranks[index],
            eligible: scenario.is_eligible(index),
            ruled_out: scenario.ruled_out[index].as_ref().map(|ruled_out| {
                let (question, option) =
                    question_option(model, ruled_out.question, ruled_out.choice);
                RuledOutJson {
                    reason: ruled_out.reason(model, index),
                    question,
                    option,
                }
            }),
        })
        .collect();
    let contributions = assessment.contributions(model, scenario);
    let eligible: Vec<bool> = (0..model.alternatives.len())
        .map(|alternative| scenario.is_eligible(alternative))
        .collect();
    let document = AdviceJson {
        header: header("advice"),
        method: assessment.method.id(),
        evidence: evidence_json(model),
        scale: Scale {
            min: model.scale.min,
            max: model.scale.max,
        },
        answers: answers
            .chosen()
            .map(|(question, choice)| (&model.questions[question], choice))
            .map(|(question, choice)| AnswerJson {
                question: &question.id,
                option: &question.choices[choice].id,
                label: &question.choices[choice].label,
            })
            .collect(),
        explicit_weights_from: answers
            .explicit_weights
            .as_ref()
            .map(|explicit| explicit.from.as_str()),
        alternatives,
        criteria: CriteriaJson {
            advice,
            orders: &orders,
            contributions: &contributions,
            eligible: &eligible,
        },
        groups: groups_json(model),
        verdict: verdict_json(
            model,
            &assessment.verdict,
            assessment.relative_margin(model),
        ),
        stability: sensitivity.stability.label(),
        answer_flips_unchecked: sensitivity.answers_unchecked,
        answer_flips: sensitivity
            .answer_flips
            .iter()
            .map(|flip| {
                let (question, option) = question_option(model, flip.question, flip.choice);
                AnswerFlipJson {
                    question,
                    option,
                    with: flip
                        .follow_ups
                        .iter()
                        .map(|&(question, choice)| {
                            let (question, option) = question_option(model, question, choice);
                            FollowUpJson { question, option }
                        })
                        .collect(),
                    verdict: verdict_json(model, &flip.verdict, None),
                }
            })
            .collect(),
        topsis: assessment.topsis.as_ref().map(|detail| TopsisJson {
            ideal: orders.criteria.map(&detail.ideal),
            anti_ideal: orders.criteria.map(&detail.anti_ideal),
            distance_to_ideal: orders.alternatives.map(&detail.distance_to_ideal),
            distance_to_anti_ideal: orders.alternatives.map(&detail.distance_to_anti_ideal),
        }),
        uncertainty: uncertainty.map(|uncertainty| {
            uncertainty_json(
                model,
                &orders,
                &assessment.verdict,
                &assessment.shares,
                uncertainty,
            )
        }),
    };
    emit(out, &document)
}

#[derive(Serialize)]
struct MatrixJson<'a> {
    #[serde(flatten)]
    header: Header,
    evidence: EvidenceJson,
    scale: Scale,
    alternatives: Vec<AlternativeIdJson<'a>>,
    criteria: MatrixCriteriaJson<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<GroupJson>,
}

#[derive(Serialize)]
struct AlternativeIdJson<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct MatrixCriterionJson<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    kind: &'static str,
    base_weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    /// Ratings whose source section differs from the criterion's.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    rating_sources: BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    /// In the evidence layer `evidence.layer` names.
    scores: ById<'a, f64>,
    /// The article's scores, where they differ: see `revisions`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    revisions: Vec<RevisionJson<'a>>,
    rationale: ById<'a, &'a str>,
    favours: Vec<&'a str>,
}

/// The matrix's `criteria` array, each entry built as it is written.
struct MatrixCriteriaJson<'a> {
    model: &'a Model,
    alternatives: &'a IdOrder<'a>,
    groups: &'a [Option<&'a crate::model::Group>],
}

impl Serialize for MatrixCriteriaJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let model = self.model;
        let mut seq = serializer.serialize_seq(Some(model.criteria.len()))?;
        for (index, (criterion, scores)) in
            model.criteria.iter().zip(model.scores.iter()).enumerate()
        {
            let best = match model.kinds[index] {
                Kind::Benefit => scores.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                Kind::Cost => scores.iter().copied().fold(f64::INFINITY, f64::min),
            };
            let level = scores.iter().all(|score| *score == best);
            let rationale: Vec<&str> = (0..model.alternatives.len())
                .map(|position| criterion.rationale(position))
                .collect();
            seq.serialize_element(&MatrixCriterionJson {
                id: &criterion.id,
                name: &criterion.name,
                description: &criterion.description,
                kind: kind(model.kinds[index]),
                base_weight: model.base_weights[index],
                source: criterion.source.as_deref(),
                rating_sources: model
                    .alternatives
                    .iter()
                    .enumerate()
                    .filter_map(|(position, alternative)| {
                        let own = criterion.source_of(position)?;
                        (Some(own) != criterion.source.as_deref())
                            .then_some((alternative.id.as_str(), own))
                    })
                    .collect(),
                group: self.groups[index].map(|group| group.id.as_str()),
                scores: self.alternatives.map(scores),
                revisions: revisions_json(model, index),
                rationale: self.alternatives.map(&rationale),
                favours: if level {
                    Vec::new()
                } else {
                    model
                        .alternatives
                        .iter()
                        .zip(scores)
                        .filter(|(_, score)| **score == best)
                        .map(|(alternative, _)| alternative.id.as_str())
                        .collect()
                },
            })?;
        }
        seq.end()
    }
}

fn write_matrix(out: &mut dyn Write, model: &Model) -> io::Result<()> {
    let groups = model.groups_by_criterion();
    let alternatives = IdOrder::new(model.alternatives.iter().map(|a| a.id.as_str()));
    let document = MatrixJson {
        header: header("matrix"),
        evidence: evidence_json(model),
        groups: groups_json(model),
        scale: Scale {
            min: model.scale.min,
            max: model.scale.max,
        },
        alternatives: model
            .alternatives
            .iter()
            .map(|alternative| AlternativeIdJson {
                id: &alternative.id,
                name: &alternative.name,
                note: alternative.note.as_deref(),
            })
            .collect(),
        criteria: MatrixCriteriaJson {
            model,
            alternatives: &alternatives,
            groups: &groups,
        },
    };
    emit(out, &document)
}

#[derive(Serialize)]
struct QuestionsJson {
    #[serde(flatten)]
    header: Header,
    questions: Vec<QuestionJson>,
}

#[derive(Serialize)]
struct QuestionJson {
    id: String,
    prompt: String,
    help: String,
    /// Asked only when each named question has one of the listed options.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    when: BTreeMap<String, Vec<String>>,
    default: String,
    options: Vec<OptionJson>,
}

#[derive(Serialize)]
struct OptionJson {
    id: String,
    label: String,
    add: BTreeMap<String, f64>,
    multiply: BTreeMap<String, f64>,
    set_scores: BTreeMap<String, BTreeMap<String, f64>>,
    rule_out: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    neutral: Option<String>,
}

fn questions_json(model: &Model) -> QuestionsJson {
    let criterion = |index: usize| model.criteria[index].id.clone();
    let alternative = |index: usize| model.alternatives[index].id.clone();
    QuestionsJson {
        header: header("questions"),
        questions: model
            .questions
            .iter()
            .map(|question| QuestionJson {
                id: question.id.clone(),
                prompt: question.prompt.clone(),
                help: question.help.clone(),
                when: question
                    .when
                    .iter()
                    .map(|condition| {
                        let decider = &model.questions[condition.question];
                        (
                            decider.id.clone(),
                            condition
                                .options
                                .iter()
                                .map(|&option| decider.choices[option].id.clone())
                                .collect(),
                        )
                    })
                    .collect(),
                default: question.choices[question.default].id.clone(),
                options: question
                    .choices
                    .iter()
                    .map(|choice| {
                        let mut set_scores: BTreeMap<String, BTreeMap<String, f64>> =
                            BTreeMap::new();
                        for change in &choice.set_scores {
                            set_scores
                                .entry(criterion(change.criterion))
                                .or_default()
                                .insert(alternative(change.alternative), change.score);
                        }
                        OptionJson {
                            id: choice.id.clone(),
                            label: choice.label.clone(),
                            add: choice
                                .add
                                .iter()
                                .map(|(c, amount)| (criterion(*c), *amount))
                                .collect(),
                            multiply: choice
                                .multiply
                                .iter()
                                .map(|(c, factor)| (criterion(*c), *factor))
                                .collect(),
                            set_scores,
                            rule_out: choice
                                .rule_out
                                .iter()
                                .map(|(a, reason)| (alternative(*a), reason.clone()))
                                .collect(),
                            neutral: choice.neutral.clone(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct ValidationJson {
    #[serde(flatten)]
    header: Header,
    source: String,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<SummaryJson>,
    problems: Vec<ProblemJson>,
    /// Problems found beyond those listed.
    #[serde(skip_serializing_if = "is_zero")]
    problems_not_listed: usize,
}

#[derive(Serialize)]
struct SummaryJson {
    alternatives: usize,
    criteria: usize,
    questions: usize,
    options: usize,
}

#[derive(Serialize)]
struct ProblemJson {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    message: String,
}

fn validation_json(validation: &Validation) -> ValidationJson {
    let not_listed = validation
        .outcome
        .as_ref()
        .err()
        .map_or(0, |error| error.more);
    let (summary, problems) = match &validation.outcome {
        Ok(model) => (
            Some(SummaryJson {
                alternatives: model.alternatives.len(),
                criteria: model.criteria.len(),
                questions: model.questions.len(),
                options: model
                    .questions
                    .iter()
                    .map(|question| question.choices.len())
                    .sum(),
            }),
            Vec::new(),
        ),
        Err(error) => (
            None,
            error
                .problems
                .iter()
                .map(|problem| ProblemJson {
                    file: problem.file.clone(),
                    line: problem.location.map(|location| location.line),
                    column: problem.location.map(|location| location.column),
                    field: problem.field.clone(),
                    message: problem.message.clone(),
                })
                .collect(),
        ),
    };
    ValidationJson {
        header: header("validation"),
        source: validation.source.clone(),
        ok: validation.outcome.is_ok(),
        summary,
        problems,
        problems_not_listed: not_listed,
    }
}

#[derive(Serialize)]
struct WeightsJson {
    #[serde(flatten)]
    header: Header,
    criteria: Vec<WeightJson>,
    lambda_max: f64,
    consistency_index: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    consistency_ratio: Option<f64>,
    random_index_source: &'static str,
    consistent: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    most_inconsistent_pair: Option<[String; 2]>,
    /// Compared criteria that share a group's weight in `advise`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
    /// A group's members (several comparisons files) and their CRs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    members: Vec<crate::group_weigh::MemberJudgements>,
}

#[derive(Serialize)]
struct WeightJson {
    id: String,
    ahp_weight: f64,
    base_weight_before: f64,
    base_weight_saved: f64,
}

fn weights_json(
    model: &Model,
    weighing: &crate::weigh::Weighing,
    explicit: &crate::answers::ExplicitWeights,
) -> WeightsJson {
    WeightsJson {
        header: header("weights"),
        criteria: weighing
            .criteria
            .iter()
            .zip(&weighing.priorities.weights)
            .zip(&explicit.values)
            .map(|((&criterion, weight), &(_, saved))| WeightJson {
                id: model.criteria[criterion].id.clone(),
                ahp_weight: *weight,
                base_weight_before: model.base_weights[criterion],
                base_weight_saved: saved,
            })
            .collect(),
        lambda_max: weighing.priorities.lambda_max,
        consistency_index: weighing.priorities.consistency_index,
        consistency_ratio: weighing.priorities.consistency_ratio,
        random_index_source: crate::engine::ahp::RANDOM_INDEX_SOURCE,
        consistent: weighing.is_consistent(),
        notes: super::weights::grouped_notes(model, weighing),
        members: weighing.members.clone(),
        most_inconsistent_pair: if weighing.is_consistent() {
            None
        } else {
            weighing
                .most_inconsistent_pair()
                .map(|(a, b)| [model.criteria[a].id.clone(), model.criteria[b].id.clone()])
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nested arrays and objects, empty and full, down to `depth` levels.
    fn nested(depth: usize) -> serde_json::Value {
        let mut value = serde_json::json!({"leaf": [1.5, "text", null, {}, []]});
        for level in 0..depth {
            value = if level % 2 == 0 {
                serde_json::json!([value, {}, [], level])
            } else {
                serde_json::json!({"a": value, "b": [], "c": {"d": level}})
            };
        }
        value
    }

    /// The layout is serde_json's pretty printer's, below and beyond the
    /// depth indented in one write.
    #[test]
    fn the_layout_is_serde_jsons_pretty_printers() {
        for depth in [0, 1, 5, TERMINAL_SAFE_DEPTH - 1, TERMINAL_SAFE_DEPTH + 7] {
            let value = nested(depth);
            let mut written = Vec::new();
            emit(&mut written, &value).unwrap();
            let expected = serde_json::to_string_pretty(&value).unwrap() + "\n";
            assert_eq!(
                String::from_utf8(written).unwrap(),
                expected,
                "depth {depth}"
            );
        }
    }
}
