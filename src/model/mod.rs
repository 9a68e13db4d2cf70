//! The decision model: alternatives, criteria and questions, loaded from YAML
//! and checked, with every id resolved to an index.
//!
//! Everything downstream (the engine, the reports) works on this model and
//! can rely on it: scores lie on the scale, weights are finite and not
//! negative, every reference points at something that exists.

mod build;
pub mod document;
mod table;

use std::path::Path;

pub use build::build;
use build::build_documents;
use document::CriteriaDocument;
pub use document::Kind;
pub use table::Table;

use crate::problem::{InputError, Problem};
use crate::source::{MAX_INPUT_BYTES, MAX_TOTAL_INPUT_BYTES, SourceFile};

/// The criteria and questions shipped inside the binary, so `pick-stack`
/// works from any folder without a data directory: each as its YAML source
/// and as JSON that `build.rs` converted it to. Parsing the JSON costs a
/// fraction of parsing the YAML, and every run starts with it; the YAML is
/// there to validate and to locate problems by line and column.
const EMBEDDED: [(&str, &str, &str); 2] = [
    (
        "criteria/criteria.yaml",
        include_str!("../../criteria/criteria.yaml"),
        include_str!(concat!(env!("OUT_DIR"), "/criteria.json")),
    ),
    (
        "criteria/questions.yaml",
        include_str!("../../criteria/questions.yaml"),
        include_str!(concat!(env!("OUT_DIR"), "/questions.json")),
    ),
];

/// The range every score lies in, e.g. 0 to 10.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub id: String,
    pub name: String,
    /// What the alternative's scores cover (e.g. runtimes that would score
    /// alike), shown by `matrix`.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
    /// over the sum of its members' (1 when none has weight).
    pub fn factor(&self, weights: impl IntoIterator<Item = f64>) -> f64 {
        let (weight, sum) = self.weight(weights);
        if sum > 0.0 { weight / sum } else { 1.0 }
    }
}

/// Which scores a run uses: the source's verdicts as written, or those
/// verdicts revised where current facts differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

/// A rating whose current score departs from its source's.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance {
    pub article: Option<Article>,
    /// When the current revisions were last checked.
    pub current_as_of: Option<String>,
    pub current_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub help: String,
    /// Asked only when every condition holds; otherwise it does not apply
    /// and has no answer.
    pub when: Vec<Condition>,
    /// Index into `choices` of the default answer.
    pub default: usize,
    pub choices: Vec<Choice>,
}

/// An earlier question, and the options of it under which a follow-up is
/// asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub question: usize,
    pub options: Vec<usize>,
}

/// One answer to a question, and what choosing it does to the model.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreOverride {
    pub criterion: usize,
    pub alternative: usize,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq)]
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
    pub provenance: Provenance,
    pub groups: Vec<Group>,
    pub questions: Vec<Question>,
}

impl Model {
    /// The model built from the embedded criteria and questions.
    pub fn embedded() -> Result<Self, InputError> {
        let sources = Self::embedded_sources();
        let mut documents = Vec::with_capacity(sources.len());
        for ((_, _, json), source) in EMBEDDED.iter().zip(&sources) {
            match serde_json::from_str::<CriteriaDocument>(json) {
                Ok(document) => documents.push((source, document)),
                // Only a broken build gets here; the YAML says where.
                Err(_) => return build(&sources),
            }
        }
        build_documents(documents)
    }

    /// The embedded criteria parsed from their YAML, as `validate` checks
    /// them: every problem located by line and column.
    pub fn embedded_from_yaml() -> Result<Self, InputError> {
        build(&Self::embedded_sources())
    }

    fn embedded_sources() -> Vec<SourceFile> {
        EMBEDDED
            .iter()
            .map(|(name, yaml, _)| SourceFile::new(format!("(embedded) {name}"), *yaml))
            .collect()
    }

    /// The model from a criteria file, or from every `.yaml`/`.yml` file in a
    /// folder, read in name order.
    pub fn load(path: &Path) -> Result<Self, InputError> {
        build(&read_sources(path)?)
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

/// Reads the source files behind `--criteria PATH`.
pub fn read_sources(path: &Path) -> Result<Vec<SourceFile>, InputError> {
    let name = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|err| {
        let reason = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
            _ => format!("cannot be read: {err}"),
        };
        Problem::in_file(&name, reason)
    })?;
    if !metadata.is_dir() {
        return Ok(vec![SourceFile::read(path)?]);
    }
    let entries = std::fs::read_dir(path)
        .map_err(|err| Problem::in_file(&name, format!("folder cannot be read: {err}")))?;
    let mut files = Vec::new();
    // What the files hold in all, by their sizes on disk: a folder of many
    // files each under the limit for one file is refused before any is
    // read, instead of filling memory with all of them.
    let mut total: u64 = 0;
    for entry in entries {
        let entry = entry
            .map_err(|err| Problem::in_file(&name, format!("folder cannot be read: {err}")))?;
        let file = entry.path();
        let is_yaml = file.extension().is_some_and(|extension| {
            extension == "yaml" || extension == "yml" || extension == "json"
        });
        if is_yaml && !file.is_dir() {
            // A file that cannot be stat'ed is reported when it is read.
            let size = std::fs::metadata(&file).map_or(0, |metadata| metadata.len());
            total = total.saturating_add(size.min(MAX_INPUT_BYTES + 1));
            files.push(file);
        }
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
        Ok(sources)
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
