//! The decision model: alternatives, criteria and questions, loaded from YAML
//! and checked, with every id resolved to an index.
//!
//! Everything downstream (the engine, the reports) works on this model and
//! can rely on it: scores lie on the scale, weights are finite and not
//! negative, every reference points at something that exists.

mod build;
pub mod document;
pub mod lookalike;
mod table;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use build::build_with_questions;
pub use build::{QuestionsFrom, build};
use document::CriteriaDocument;
pub use document::Kind;
pub use table::Table;

use crate::embedded;
use crate::magnitude::text;
use crate::problem::{InputError, Problem, shown_name};
use crate::source::{MAX_INPUT_BYTES, MAX_TOTAL_INPUT_BYTES, SourceFile};

/// The largest magnitude a scale's `min` or `max` may have. Scores up to
/// it can be summed (by a million criteria), mirrored (`min + max −
/// score`) and their logarithms multiplied without leaving f64's range.
pub const LARGEST_SCALE: f64 = 1e300;

/// The range every score lies in, e.g. 0 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub id: String,
    pub name: String,
    /// What the alternative's scores cover (e.g. runtimes that would score
    /// alike), shown by `matrix`.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The section of the reference material the ratings rest on.
    pub source: Option<String>,
    /// Each alternative's rationale, in the order of [`Model::alternatives`],
    /// or none at all when no
    /// rating of this criterion has one (as in large generated files).
    pub rationales: Vec<Box<str>>,
    /// Each alternative's own source section where its rating names one
    /// that differs from `source`; empty when no rating does.
    pub rating_sources: Vec<Box<str>>,
}

impl Criterion {
    /// Why `alternative` has its score here; empty when the file says not.
    pub fn rationale(&self, alternative: usize) -> &str {
        self.rationales
            .get(alternative)
            .map_or("", |rationale| rationale)
    }

    /// The source section `alternative`'s rating rests on: its own, or the
    /// criterion's.
    pub fn source_of(&self, alternative: usize) -> Option<&str> {
        match self.rating_sources.get(alternative) {
            Some(own) if !own.is_empty() => Some(own),
            _ => self.source.as_deref(),
        }
    }
}

/// Criteria that rest on one underlying property. Counted separately they
/// would outvote the other criteria by repetition, so they share one
/// weight: the heaviest member's, plus `rest_counts` of each other
/// member's, split among the members in proportion to their own weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// Why the members measure one property.
    pub why: String,
    /// Criterion indices, in file order.
    pub members: Vec<usize>,
    /// The fraction of its weight each member beyond the heaviest adds to
    /// the group's, from 0 to 1.
    pub rest_counts: f64,
}

impl Group {
    /// What the group weighs in all, from its members' weights before it:
    /// `heaviest + rest_counts × (sum − heaviest)`; and that sum.
    pub fn weight(&self, weights: impl IntoIterator<Item = f64>) -> (f64, f64) {
        let (heaviest, sum) = weights
            .into_iter()
            .fold((0.0_f64, 0.0_f64), |(heaviest, sum), weight| {
                (heaviest.max(weight), sum + weight)
            });
        (heaviest + self.rest_counts * (sum - heaviest), sum)
    }

    /// The factor each member's weight is multiplied by: the group's weight
    /// over the sum of its members' (1 when none has weight). Both scale
    /// with the members' weights, so they are taken of the weights brought
    /// near 1 by a power of two: members' weights of 1e308 cannot make the
    /// sum overflow, and no other factor changes by a bit.
    pub fn factor(&self, weights: impl IntoIterator<Item = f64, IntoIter: Clone>) -> f64 {
        let weights = weights.into_iter();
        let unit = crate::magnitude::unit(weights.clone());
        let (weight, sum) = self.weight(weights.map(|weight| weight * unit));
        if sum > 0.0 { weight / sum } else { 1.0 }
    }
}

/// The bounds on one criterion's weight before its group, over every
/// combination of answers (see [`Model::weight_reach`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightReach {
    pub base: f64,
    /// The sum of each question's largest addition.
    pub added: f64,
    /// The smallest addition above 0 of any option (∞ when none adds).
    pub smallest_added: f64,
    /// The product of each question's largest factor of 1 or more.
    pub raised: f64,
    /// The product of each question's smallest factor of 1 or less.
    pub lowered: f64,
}

impl WeightReach {
    /// The largest the weight can be.
    pub fn highest(&self) -> f64 {
        let sum = self.base + self.added;
        if sum == 0.0 { 0.0 } else { sum * self.raised }
    }

    /// The smallest the weight can be while above 0 (0 when it is always
    /// 0): the base weight, or without one the smallest addition, times
    /// the smallest product of factors.
    pub fn lowest(&self) -> f64 {
        let start = if self.base > 0.0 {
            self.base
        } else {
            self.smallest_added
        };
        if start.is_finite() {
            start * self.lowered
        } else {
            0.0
        }
    }

    /// What is wrong with the reach, if anything: a weight past f64's
    /// largest number cannot be computed with, and one that can be above 0
    /// but below 2.2e-308 loses its digits (or rounds to 0, as if the
    /// criterion did not count).
    pub fn problem(&self) -> Option<String> {
        let highest = self.highest();
        if !highest.is_finite() {
            return Some(format!(
                "weight {} with the answers' additions (up to {}) and factors (up to ×{}) can exceed the largest number 64-bit floating point holds (1.8e308); only the weights' ratios matter, so use smaller ones",
                text(self.base),
                text(self.added),
                text(self.raised)
            ));
        }
        let lowest = self.lowest();
        if lowest < f64::MIN_POSITIVE && (self.base > 0.0 || self.smallest_added.is_finite()) {
            return Some(format!(
                "weight {} with the answers' factors can fall to {}, below 2.2e-308, where 64-bit floating point loses its digits; only the weights' ratios matter, so use larger ones",
                text(if self.base > 0.0 {
                    self.base
                } else {
                    self.smallest_added
                }),
                text(lowest)
            ));
        }
        None
    }
}

/// Which scores a run uses: the source's verdicts as written, or those
/// verdicts revised where current facts differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Evidence {
    /// Every rating's `current` score where it has one (the default).
    #[default]
    Current,
    /// Every rating's `score`: the published comparison's verdicts.
    Article,
}

impl Evidence {
    pub fn id(self) -> &'static str {
        match self {
            Evidence::Current => "current",
            Evidence::Article => "article",
        }
    }
}

/// The scores a rating may plausibly take (`range: [low, high]` in the
/// criteria file), for the uncertainty analysis; it holds the rating's
/// score in both evidence layers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreRange {
    pub criterion: usize,
    pub alternative: usize,
    pub low: f64,
    pub high: f64,
}

/// A rating whose current score departs from its source's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub criterion: usize,
    pub alternative: usize,
    /// The source's score (the rating's `score`).
    pub article: f64,
    /// The score current facts support.
    pub current: f64,
    /// When the change became true.
    pub since: String,
    /// What changed.
    pub note: String,
}

/// The published comparison the scores rest on, as the criteria name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
}

impl Article {
    /// "“Title” (Publisher, date)", saying plainly what the copy leaves out.
    pub fn citation(&self) -> String {
        let publisher = self
            .publisher
            .as_deref()
            .unwrap_or("publisher not named in the copy");
        let date = self.date.as_deref().unwrap_or("undated");
        format!("“{}” ({publisher}; {date})", self.title)
    }
}

/// Where the scores come from, as a criteria file declares it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub article: Option<Article>,
    /// When the current revisions were last checked.
    pub current_as_of: Option<String>,
    pub current_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub help: String,
    /// Asked only when every condition holds; otherwise it does not apply
    /// and has no answer.
    pub when: Vec<Condition>,
    /// The answer states a fact about the project (existing code, where it
    /// runs, a hard constraint), not a preference: members of a team who
    /// answer it differently have something to settle, not to average.
    pub fact: bool,
    /// Index into `choices` of the default answer.
    pub default: usize,
    pub choices: Vec<Choice>,
}

/// An earlier question, and the options of it under which a follow-up is
/// asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub question: usize,
    pub options: Vec<usize>,
}

/// One answer to a question, and what choosing it does to the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// (criterion index, amount added to its weight)
    pub add: Vec<(usize, f64)>,
    /// (criterion index, factor its weight is multiplied by)
    pub multiply: Vec<(usize, f64)>,
    pub set_scores: Vec<ScoreOverride>,
    /// (alternative index, reason) for each alternative this answer excludes.
    pub rule_out: Vec<(usize, String)>,
    /// Why the option changes nothing, when that is on purpose.
    pub neutral: Option<String>,
}

impl Choice {
    /// Whether choosing this option changes weights, scores or eligibility.
    pub fn has_effect(&self) -> bool {
        !(self.add.is_empty()
            && self.multiply.is_empty()
            && self.set_scores.is_empty()
            && self.rule_out.is_empty())
    }
}

/// An answer's replacement of one alternative's score on one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreOverride {
    pub criterion: usize,
    pub alternative: usize,
    pub score: f64,
}

/// A checked model. It serialises because `build.rs` stores the embedded
/// one, built and checked at build time; decoding skips every check, so
/// the binary decodes nothing but that stored form (see
/// [`Model::embedded`]). Any other model comes from [`build`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub scale: Scale,
    pub alternatives: Vec<Alternative>,
    /// Each criterion's words. Its figures are in the fields below, in the
    /// same order: scoring and sensitivity read them for every criterion,
    /// and dense, they fit the cache at sizes where the criteria's records,
    /// words included, do not.
    pub criteria: Vec<Criterion>,
    /// Each criterion's weight before any answer changes it.
    pub base_weights: Vec<f64>,
    /// Whether a higher score is better on each criterion.
    pub kinds: Vec<Kind>,
    /// `scores[criterion][alternative]`, in the order of `criteria` and
    /// `alternatives`, in the evidence layer `evidence` names.
    pub scores: Table,
    /// Which layer `scores` holds.
    pub evidence: Evidence,
    /// Every rating whose current score departs from its source's, in the
    /// order of the criteria: the difference between the two layers.
    pub revisions: Vec<Revision>,
    /// Every rating that declares a range, in the order of the criteria,
    /// then of the alternatives; ratings without one are exact.
    pub ranges: Vec<ScoreRange>,
    pub provenance: Provenance,
    pub groups: Vec<Group>,
    pub questions: Vec<Question>,
}

impl Model {
    /// The model built from the embedded criteria and questions.
    pub fn embedded() -> Result<Self, InputError> {
        Self::stored(embedded::MODEL, embedded::SOURCES.len())
    }

    /// The embedded criteria without their questions, for a command that
    /// asks nothing (`matrix`): the questions are a third of the stored
    /// model.
    pub fn embedded_without_questions() -> Result<Self, InputError> {
        Self::stored(embedded::MODEL_WITHOUT_QUESTIONS, 1)
    }

    /// The model `build.rs` built from the first `count` embedded files,
    /// decoded. Building it at each start (parsing the files, checking
    /// every reference) took four to five times the instructions.
    fn stored(bytes: &[u8], count: usize) -> Result<Self, InputError> {
        match Self::decode(bytes) {
            Some(model) => Ok(model),
            // Only a build whose stored form does not match these types
            // gets here (a test decodes it directly, so that none ships):
            // the model the YAML builds is the same, only slower to get.
            None => build(&Self::embedded_sources()[..count]),
        }
    }

    /// A model from its stored form: every byte read, none left over
    /// (postcard ignores what follows a value, so a form with a field too
    /// many would otherwise decode).
    fn decode(bytes: &[u8]) -> Option<Self> {
        match postcard::take_from_bytes(bytes) {
            Ok((model, [])) => Some(model),
            _ => None,
        }
    }

    /// The embedded criteria parsed from their YAML, as `validate` checks
    /// them: every problem located by line and column.
    pub fn embedded_from_yaml() -> Result<Self, InputError> {
        build(&Self::embedded_sources())
    }

    fn embedded_sources() -> Vec<SourceFile> {
        embedded::SOURCES
            .iter()
            .map(|(name, yaml)| SourceFile::new(format!("(embedded) {name}"), *yaml))
            .collect()
    }

    /// The model from a criteria file, or from every `.yaml`/`.yml` file in a
    /// folder, read in name order.
    pub fn load(path: &Path) -> Result<Self, InputError> {
        Self::load_noting(path).map(|(model, _)| model)
    }

    /// Like [`load`](Self::load), with a note naming the files a folder
    /// held that were skipped on purpose, when there were any.
    pub fn load_noting(path: &Path) -> Result<(Self, Option<String>), InputError> {
        let files = read_sources(path)?;
        let mut notes: Vec<String> = files.skipped_note(path).into_iter().collect();
        let (model, questions) = build_with_questions(&files.sources, Self::embedded_questions())?;
        let shown = crate::untrusted::path(path);
        match questions {
            QuestionsFrom::Own => {}
            QuestionsFrom::Embedded => notes.push(format!(
                "{shown} defines no questions; the embedded questions apply to it"
            )),
            QuestionsFrom::Nothing { why } => notes.push(format!(
                "{shown} defines no questions, and the embedded ones do not fit it ({why}): this criteria set has no questions, and every criterion keeps its base weight"
            )),
        }
        let note = (!notes.is_empty()).then(|| notes.join("\npick-stack: note: "));
        Ok((model, note))
    }

    /// The embedded questions, for criteria files that define none.
    fn embedded_questions() -> (&'static SourceFile, CriteriaDocument) {
        static SOURCE: std::sync::OnceLock<SourceFile> = std::sync::OnceLock::new();
        let (name, yaml) = embedded::SOURCES[1];
        let source = SOURCE.get_or_init(|| SourceFile::new(format!("(embedded) {name}"), yaml));
        // The JSON is the YAML converted at build time, checked by every
        // test run: only a broken build could fail to read it.
        let document = serde_json::from_str(embedded::QUESTIONS_JSON)
            .unwrap_or_else(|_| source.parse().unwrap_or_default());
        (source, document)
    }

    /// The model as a person may be shown it: every text from the files
    /// with control and bidi characters escaped (see [`crate::untrusted`]).
    /// Indices and figures are the same, so a report may read this model
    /// beside the engine's results for the original. Borrowed when no text
    /// needs escaping.
    pub fn for_people(&self) -> std::borrow::Cow<'_, Model> {
        let mut unsafe_text = false;
        self.visit_text(&mut |text| unsafe_text |= crate::untrusted::has_unsafe(text));
        if !unsafe_text {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut shown = self.clone();
        shown.escape_text();
        std::borrow::Cow::Owned(shown)
    }

    /// Calls `visit` with every text the files gave the model.
    fn visit_text(&self, visit: &mut dyn FnMut(&str)) {
        for alternative in &self.alternatives {
            visit(&alternative.id);
            visit(&alternative.name);
            alternative.note.as_deref().map(&mut *visit);
        }
        for criterion in &self.criteria {
            visit(&criterion.id);
            visit(&criterion.name);
            visit(&criterion.description);
            criterion.source.as_deref().map(&mut *visit);
            criterion.rationales.iter().for_each(|text| visit(text));
            criterion.rating_sources.iter().for_each(|text| visit(text));
        }
        for revision in &self.revisions {
            visit(&revision.since);
            visit(&revision.note);
        }
        if let Some(article) = &self.provenance.article {
            visit(&article.title);
            article.publisher.as_deref().map(&mut *visit);
            article.date.as_deref().map(&mut *visit);
            article.note.as_deref().map(&mut *visit);
        }
        self.provenance.current_as_of.as_deref().map(&mut *visit);
        self.provenance.current_note.as_deref().map(&mut *visit);
        for group in &self.groups {
            visit(&group.id);
            visit(&group.name);
            visit(&group.why);
        }
        for question in &self.questions {
            visit(&question.id);
            visit(&question.prompt);
            visit(&question.help);
            for choice in &question.choices {
                visit(&choice.id);
                visit(&choice.label);
                choice.rule_out.iter().for_each(|(_, reason)| visit(reason));
                choice.neutral.as_deref().map(&mut *visit);
            }
        }
    }

    /// Escapes every text [`Self::visit_text`] visits, in place.
    fn escape_text(&mut self) {
        use crate::untrusted::{escape_in_place as escape, escaped};
        let boxed = |text: &mut Box<str>| {
            if let std::borrow::Cow::Owned(shown) = escaped(text) {
                *text = shown.into_boxed_str();
            }
        };
        for alternative in &mut self.alternatives {
            escape(&mut alternative.id);
            escape(&mut alternative.name);
            alternative.note.as_mut().map(escape);
        }
        for criterion in &mut self.criteria {
            escape(&mut criterion.id);
            escape(&mut criterion.name);
            escape(&mut criterion.description);
            criterion.source.as_mut().map(escape);
            criterion.rationales.iter_mut().for_each(boxed);
            criterion.rating_sources.iter_mut().for_each(boxed);
        }
        for revision in &mut self.revisions {
            escape(&mut revision.since);
            escape(&mut revision.note);
        }
        if let Some(article) = &mut self.provenance.article {
            escape(&mut article.title);
            article.publisher.as_mut().map(escape);
            article.date.as_mut().map(escape);
            article.note.as_mut().map(escape);
        }
        self.provenance.current_as_of.as_mut().map(escape);
        self.provenance.current_note.as_mut().map(escape);
        for group in &mut self.groups {
            escape(&mut group.id);
            escape(&mut group.name);
            escape(&mut group.why);
        }
        for question in &mut self.questions {
            escape(&mut question.id);
            escape(&mut question.prompt);
            escape(&mut question.help);
            for choice in &mut question.choices {
                escape(&mut choice.id);
                escape(&mut choice.label);
                choice
                    .rule_out
                    .iter_mut()
                    .for_each(|(_, reason)| escape(reason));
                choice.neutral.as_mut().map(escape);
            }
        }
    }

    /// The model with `scores` in the given evidence layer.
    pub fn with_evidence(mut self, evidence: Evidence) -> Self {
        if evidence != self.evidence {
            for revision in &self.revisions {
                self.scores[revision.criterion][revision.alternative] = match evidence {
                    Evidence::Current => revision.current,
                    Evidence::Article => revision.article,
                };
            }
            self.evidence = evidence;
        }
        self
    }

    /// The revisions of one criterion's ratings (none for most criteria).
    pub fn revisions_of(&self, criterion: usize) -> &[Revision] {
        let start = self
            .revisions
            .partition_point(|revision| revision.criterion < criterion);
        let end = self
            .revisions
            .partition_point(|revision| revision.criterion <= criterion);
        &self.revisions[start..end]
    }

    /// How far each criterion's weight before its group can move over
    /// every combination of answers, with `bases` as the base weights.
    ///
    /// The engine adds a criterion's additions to its base weight and
    /// multiplies the sum by the product of its factors; each bound takes
    /// every question's largest addition and factor (or smallest factor)
    /// together, as that arithmetic would meet them, so a combination may
    /// stay inside a bound it shows as out of range, never the reverse.
    pub fn weight_reach(&self, bases: &[f64]) -> Vec<WeightReach> {
        let mut reach: Vec<WeightReach> = bases
            .iter()
            .map(|&base| WeightReach {
                base,
                added: 0.0,
                smallest_added: f64::INFINITY,
                raised: 1.0,
                lowered: 1.0,
            })
            .collect();
        // Per question: each criterion's largest addition, largest and
        // smallest factor among its options (an option that does not name
        // a criterion adds 0 and multiplies by 1).
        let mut per_question: HashMap<usize, (f64, f64, f64)> = HashMap::new();
        for question in &self.questions {
            per_question.clear();
            for choice in &question.choices {
                for &(criterion, amount) in &choice.add {
                    let entry = per_question.entry(criterion).or_insert((0.0, 1.0, 1.0));
                    entry.0 = entry.0.max(amount);
                    if amount > 0.0 {
                        let bound = &mut reach[criterion];
                        bound.smallest_added = bound.smallest_added.min(amount);
                    }
                }
                for &(criterion, factor) in &choice.multiply {
                    let entry = per_question.entry(criterion).or_insert((0.0, 1.0, 1.0));
                    entry.1 = entry.1.max(factor);
                    entry.2 = entry.2.min(factor);
                }
            }
            for (&criterion, &(added, raised, lowered)) in &per_question {
                let bound = &mut reach[criterion];
                bound.added += added;
                bound.raised *= raised;
                bound.lowered *= lowered;
            }
        }
        reach
    }

    /// The group a criterion belongs to, if any.
    pub fn group_of(&self, criterion: usize) -> Option<&Group> {
        self.groups
            .iter()
            .find(|group| group.members.contains(&criterion))
    }

    /// When a question is asked, in words: "workload is web_app or data,
    /// and ai is own"; empty for a question that is always asked.
    pub fn condition_text(&self, question: &Question) -> String {
        let parts: Vec<String> = question
            .when
            .iter()
            .map(|condition| {
                let decider = &self.questions[condition.question];
                let options: Vec<&str> = condition
                    .options
                    .iter()
                    .map(|&option| decider.choices[option].id.as_str())
                    .collect();
                let listed = match options.as_slice() {
                    [] => String::new(),
                    [one] => (*one).to_owned(),
                    [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
                };
                format!("{} is {listed}", decider.id)
            })
            .collect();
        parts.join(", and ")
    }

    /// "rules out Python", for an option that excludes alternatives: said
    /// beside the option wherever it is offered.
    pub fn rules_out_text(&self, choice: &Choice) -> Option<String> {
        if choice.rule_out.is_empty() {
            return None;
        }
        let names: Vec<&str> = choice
            .rule_out
            .iter()
            .map(|(alternative, _)| self.alternatives[*alternative].name.as_str())
            .collect();
        Some(format!("rules out {}", names.join(" and ")))
    }

    pub fn question_ids(&self) -> Vec<&str> {
        self.questions
            .iter()
            .map(|question| question.id.as_str())
            .collect()
    }

    /// Each question's index by its id: an answers file may name thousands.
    pub fn question_index(&self) -> std::collections::HashMap<&str, usize> {
        self.questions
            .iter()
            .enumerate()
            .map(|(index, question)| (question.id.as_str(), index))
            .collect()
    }

    /// Each criterion's index by its id.
    pub fn criterion_index(&self) -> std::collections::HashMap<&str, usize> {
        self.criteria
            .iter()
            .enumerate()
            .map(|(index, criterion)| (criterion.id.as_str(), index))
            .collect()
    }

    /// The group each criterion is in, if any, by index into `groups`:
    /// for reports that name every criterion's group, where asking
    /// [`Model::group_of`] for each would search every group each time.
    pub fn group_index(&self) -> Vec<Option<usize>> {
        self.groups_by_criterion_index()
    }

    /// The group each criterion is in, if any (see [`Model::group_index`]).
    pub fn groups_by_criterion(&self) -> Vec<Option<&Group>> {
        self.groups_by_criterion_index()
            .into_iter()
            .map(|group| group.map(|group| &self.groups[group]))
            .collect()
    }

    fn groups_by_criterion_index(&self) -> Vec<Option<usize>> {
        let mut index = vec![None; self.criteria.len()];
        for (group, entry) in self.groups.iter().enumerate() {
            for &member in &entry.members {
                index[member] = Some(group);
            }
        }
        index
    }
}

impl Question {
    /// Whether the question is asked, given the answers to the questions
    /// before it (`None` for a question not answered or not asked).
    pub fn applies(&self, choices: &[Option<usize>]) -> bool {
        self.when.iter().all(|condition| {
            choices
                .get(condition.question)
                .copied()
                .flatten()
                .is_some_and(|choice| condition.options.contains(&choice))
        })
    }

    pub fn choice_ids(&self) -> Vec<&str> {
        self.choices
            .iter()
            .map(|choice| choice.id.as_str())
            .collect()
    }

    pub fn choice_index(&self, id: &str) -> Option<usize> {
        self.choices.iter().position(|choice| choice.id == id)
    }
}

/// The source files behind `--criteria PATH`, and the files a folder held
/// that were skipped on purpose.
#[derive(Debug, Default)]
pub struct CriteriaFiles {
    pub sources: Vec<SourceFile>,
    /// Hidden files with a criteria extension (`.draft.yaml`), which
    /// include editors' lock files (`.#criteria.yaml`, often a link to
    /// nothing) and pick-stack's own temporary files: not criteria, so not
    /// read, but named so that nobody wonders why a file had no effect.
    pub skipped: Vec<PathBuf>,
}

impl CriteriaFiles {
    /// "criteria/: skipped .#a.yaml, .b.yaml (hidden or editors' lock
    /// files)", or nothing when no file was skipped.
    pub fn skipped_note(&self, folder: &Path) -> Option<String> {
        if self.skipped.is_empty() {
            return None;
        }
        let names: Vec<String> = self
            .skipped
            .iter()
            .filter_map(|path| path.file_name())
            .map(|name| shown_name(&name.to_string_lossy()))
            .collect();
        Some(format!(
            "{}: skipped {} (a name starting with `.` is a hidden or an editor's lock file, not criteria)",
            folder.display(),
            names.join(", ")
        ))
    }
}

/// Reads the source files behind `--criteria PATH`: the file, or every
/// `.yaml`, `.yml` and `.json` file in the folder whose name does not start
/// with a dot, in name order. Only regular files are read (a FIFO would
/// wait for a writer forever); anything else the path or the folder names
/// is a problem.
pub fn read_sources(path: &Path) -> Result<CriteriaFiles, InputError> {
    let name = path.display().to_string();
    if path.as_os_str().is_empty() {
        return Err(Problem::in_file(
            "--criteria",
            "the path is empty; name a criteria file or folder, or leave --criteria out for the embedded criteria".into(),
        )
        .into());
    }
    let metadata = std::fs::metadata(path).map_err(|err| {
        let reason = match err.kind() {
            std::io::ErrorKind::NotFound => match std::fs::read_link(path) {
                Ok(target) => format!(
                    "no such file or folder: a symbolic link to `{}`, which does not exist",
                    shown_name(&target.to_string_lossy())
                ),
                Err(_) => "no such file or folder".to_owned(),
            },
            _ => format!("cannot be read: {err}"),
        };
        Problem::in_file(&name, reason)
    })?;
    if !metadata.is_dir() {
        return Ok(CriteriaFiles {
            sources: vec![SourceFile::read(path)?],
            skipped: Vec::new(),
        });
    }
    let entries = std::fs::read_dir(path)
        .map_err(|err| Problem::in_file(&name, format!("folder cannot be read: {err}")))?;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    // What the files hold in all, by their sizes on disk: a folder of many
    // files each under the limit for one file is refused before any is
    // read, instead of filling memory with all of them.
    let mut total: u64 = 0;
    // Links may point within the folder, never out of it: a shared folder
    // could otherwise hold `z.yaml -> ~/.npmrc` and have its content quoted
    // in an error message, in a public CI log.
    let folder = std::fs::canonicalize(path)
        .map_err(|err| Problem::in_file(&name, format!("folder cannot be read: {err}")))?;
    let mut outside = Vec::new();
    for entry in entries {
        let entry = entry
            .map_err(|err| Problem::in_file(&name, format!("folder cannot be read: {err}")))?;
        let file = entry.path();
        let is_yaml = file.extension().is_some_and(|extension| {
            extension == "yaml" || extension == "yml" || extension == "json"
        });
        if !is_yaml {
            continue;
        }
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            skipped.push(file);
        } else if entry.file_type().is_ok_and(|kind| kind.is_symlink())
            && let Ok(target) = std::fs::canonicalize(&file)
            && !target.starts_with(&folder)
        {
            outside.push(Problem::in_file(
                &file.display().to_string(),
                format!(
                    "is a symbolic link to `{}`, outside the criteria folder; a folder's links may only point within it",
                    shown_name(&target.to_string_lossy())
                ),
            ));
        } else if !file.is_dir() {
            // A file that cannot be stat'ed is reported when it is read.
            let size = std::fs::metadata(&file).map_or(0, |metadata| metadata.len());
            total = total.saturating_add(size.min(MAX_INPUT_BYTES + 1));
            files.push(file);
        }
    }
    skipped.sort();
    if !outside.is_empty() {
        outside.sort_by_cached_key(ToString::to_string);
        return Err(InputError::new(outside));
    }
    if files.is_empty() {
        return Err(
            Problem::in_file(&name, "folder has no .yaml, .yml or .json files".into()).into(),
        );
    }
    if total > MAX_TOTAL_INPUT_BYTES {
        return Err(over_total_limit(&name, files.len(), total).into());
    }
    files.sort();
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let mut read: u64 = 0;
    for file in files {
        match SourceFile::read(&file) {
            Ok(source) => {
                // Files may grow between the listing and the reading.
                read += source.text.len() as u64;
                if read > MAX_TOTAL_INPUT_BYTES {
                    return Err(over_total_limit(&name, sources.len() + 1, read).into());
                }
                sources.push(source);
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(CriteriaFiles { sources, skipped })
    } else {
        Err(InputError::new(problems))
    }
}

/// The folder's criteria files hold more than one run reads.
fn over_total_limit(folder: &str, files: usize, bytes: u64) -> Problem {
    const MIB: u64 = 1024 * 1024;
    Problem::in_file(
        folder,
        format!(
            "its {files} criteria files hold {} MiB or more in all, over the {} MiB limit for the criteria read in one run (each file may hold up to {} MiB)",
            bytes / MIB,
            MAX_TOTAL_INPUT_BYTES / MIB,
            MAX_INPUT_BYTES / MIB
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `build.rs` stores the model its copy of the loader builds; it must
    /// decode (the run would otherwise fall back to building, silently
    /// slower) to the model this loader builds from the same YAML, or the
    /// binary would advise from a model its own loader would not make.
    #[test]
    fn the_model_stored_at_build_time_is_the_one_the_yaml_builds() {
        let sources = Model::embedded_sources();
        let stored = Model::decode(embedded::MODEL).expect("the stored model decodes");
        assert_eq!(stored, build(&sources).unwrap(), "with the questions");
        assert!(!stored.questions.is_empty());
        let stored = Model::decode(embedded::MODEL_WITHOUT_QUESTIONS)
            .expect("the stored model without questions decodes");
        assert_eq!(stored, build(&sources[..1]).unwrap(), "without them");
        assert!(stored.questions.is_empty());
        assert_eq!(Model::embedded().unwrap(), build(&sources).unwrap());
        assert_eq!(
            Model::embedded_without_questions().unwrap(),
            build(&sources[..1]).unwrap()
        );
    }

    /// A stored form with bytes left over is refused, not read in part:
    /// the criteria alone are nearly a prefix of the whole model.
    #[test]
    fn a_stored_model_with_bytes_left_over_does_not_decode() {
        let mut longer = embedded::MODEL.to_vec();
        longer.push(0);
        assert!(Model::decode(&longer).is_none());
        assert!(Model::decode(&embedded::MODEL[..embedded::MODEL.len() - 1]).is_none());
    }

    /// A stored model that does not decode (only a broken build makes
    /// one) falls back to building from the YAML.
    #[test]
    fn a_stored_model_that_does_not_decode_is_built_from_the_yaml() {
        let sources = Model::embedded_sources();
        assert_eq!(
            Model::stored(&embedded::MODEL[..10], 2).unwrap(),
            build(&sources).unwrap()
        );
        assert_eq!(
            Model::stored(&[], 1).unwrap(),
            build(&sources[..1]).unwrap()
        );
    }
}
