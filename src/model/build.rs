//! From parsed documents to a checked [`Model`]: merge the sections of every
//! file, resolve ids to indices, and collect every problem on the way.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::document::{
    AlternativeEntry, CriteriaDocument, CriterionEntry, GroupEntry, Number, OrderedMap,
    QuestionEntry, RatingEvidence,
};
use super::{
    Alternative, Article, Choice, Condition, Criterion, Evidence, Group, Model, Provenance,
    Question, Revision, Scale, ScoreOverride, ScoreRange, Table, lookalike,
};
use crate::problem::{InputError, Problem, shown, unknown_id_hint};
use crate::source::{FieldPath, Findings, SourceFile};

/// Parses, merges and checks criteria sources into a model. Reports every
/// problem found, not only the first.
pub fn build(sources: &[SourceFile]) -> Result<Model, InputError> {
    let (documents, parsed) = parse_documents(sources)?;
    build_after(documents, parsed)
}

type Documents<'s> = Vec<(&'s SourceFile, CriteriaDocument)>;

/// Every source parsed, with the problems parsing found: a document with
/// problems goes on repaired, so that the checks after parsing find the
/// rest (see [`SourceFile::parse_all`]). A document that cannot be
/// repaired stops there, with every parse problem of every source.
fn parse_documents(sources: &[SourceFile]) -> Result<(Documents<'_>, Findings<'_>), InputError> {
    let mut parsed = Findings::new();
    let mut unrepaired = false;
    let mut documents = Vec::new();
    for source in sources {
        match source.parse_all::<CriteriaDocument>(&[]) {
            Ok(read) => {
                parsed.parsed(source, read.problems, read.repaired);
                documents.push((source, read.document));
            }
            Err(problem) => {
                parsed.push(problem);
                unrepaired = true;
            }
        }
    }
    if unrepaired {
        return Err(parsed
            .into_error()
            .unwrap_or_else(|| InputError::new(Vec::new())));
    }
    Ok((documents, parsed))
}

/// Where a model's questions come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionsFrom {
    /// The criteria files' own `questions` section.
    Own,
    /// The criteria files define none; the embedded questions fit them
    /// (every criterion and alternative they name exists) and are used.
    Embedded,
    /// The criteria files define none, and the embedded questions do not
    /// fit them, for the reason given: the model has no questions.
    Nothing { why: String },
}

/// Like [`build`], and when no source has a `questions` section, with the
/// embedded questions (`embedded`, already parsed) added if they fit.
/// Criteria written for a team's own decision usually leave the questions
/// out; the embedded ones still apply when the criteria keep their ids.
pub(crate) fn build_with_questions(
    sources: &[SourceFile],
    embedded: (&SourceFile, CriteriaDocument),
) -> Result<(Model, QuestionsFrom), InputError> {
    let (mut documents, parsed) = parse_documents(sources)?;
    if documents
        .iter()
        .any(|(_, document)| document.questions.is_some())
        || !parsed.is_empty()
    {
        return Ok((build_after(documents, parsed)?, QuestionsFrom::Own));
    }
    let missing = missing_references(&documents, &embedded.1);
    if !missing.is_empty() {
        let model = build_documents(documents)?;
        let why = format!("the embedded questions name {}", missing.join(" and "));
        return Ok((model, QuestionsFrom::Nothing { why }));
    }
    documents.push(embedded);
    match build_documents(documents) {
        Ok(model) => Ok((model, QuestionsFrom::Embedded)),
        Err(combined) => {
            // Read again: the first attempt took the documents.
            let model = build(sources)?;
            let why = match combined.problems.first() {
                Some(problem) => format!("with them, {problem}"),
                None => "they do not fit these criteria".to_owned(),
            };
            Ok((model, QuestionsFrom::Nothing { why }))
        }
    }
}

/// The criteria and alternatives `questions` names that `documents` do
/// not define, as "criteria `a`, `b` and alternative `x` this set lacks"
/// parts (empty when every one is there).
fn missing_references(
    documents: &[(&SourceFile, CriteriaDocument)],
    questions: &CriteriaDocument,
) -> Vec<String> {
    use std::collections::BTreeSet;
    let criteria: BTreeSet<&str> = documents
        .iter()
        .flat_map(|(_, document)| document.criteria.iter().flatten())
        .map(|criterion| criterion.id.as_str())
        .collect();
    let alternatives: BTreeSet<&str> = documents
        .iter()
        .flat_map(|(_, document)| document.alternatives.iter().flatten())
        .map(|alternative| alternative.id.as_str())
        .collect();
    let mut missing_criteria = BTreeSet::new();
    let mut missing_alternatives = BTreeSet::new();
    for choice in questions
        .questions
        .iter()
        .flatten()
        .flat_map(|question| &question.options)
    {
        let named = choice
            .add
            .iter()
            .chain(choice.multiply.iter())
            .map(|(id, _)| id)
            .chain(choice.set_scores.iter().map(|(id, _)| id));
        missing_criteria.extend(named.filter(|id| !criteria.contains(id)));
        let named = choice
            .set_scores
            .iter()
            .flat_map(|(_, scores)| scores.iter().map(|(id, _)| id))
            .chain(choice.rule_out.iter().map(|(id, _)| id));
        missing_alternatives.extend(named.filter(|id| !alternatives.contains(id)));
    }
    let list = |kind: &str, ids: BTreeSet<&str>| {
        let ids: Vec<&str> = ids.into_iter().collect();
        format!(
            "{kind} {} that these criteria lack",
            crate::problem::listing(&ids, |id| format!("`{}`", shown(id)))
        )
    };
    let mut parts = Vec::new();
    if !missing_criteria.is_empty() {
        parts.push(list("criteria", missing_criteria));
    }
    if !missing_alternatives.is_empty() {
        parts.push(list("alternatives", missing_alternatives));
    }
    parts
}

/// Merges and checks documents already parsed from their sources (the
/// sources' text is only read again to locate a problem).
pub(crate) fn build_documents(
    documents: Vec<(&SourceFile, CriteriaDocument)>,
) -> Result<Model, InputError> {
    build_after(documents, Findings::new())
}

/// [`build_documents`], after the problems parsing found.
fn build_after<'s>(documents: Documents<'s>, parsed: Findings<'s>) -> Result<Model, InputError> {
    let mut builder = Builder {
        findings: parsed,
        first_source: documents.first().map(|(source, _)| *source),
    };
    let model = builder.build(documents);
    match builder.findings.into_error() {
        None => Ok(model),
        Some(error) => Err(error),
    }
}

struct Builder<'s> {
    /// Every problem found; the first few are listed and located.
    findings: Findings<'s>,
    first_source: Option<&'s SourceFile>,
}

/// An item of a sequence section, with the file and path it came from.
struct Located<'d, T> {
    source: &'d SourceFile,
    /// The list the item is in, shared by its items: a path of its own for
    /// every item of a large file would be two allocations per criterion,
    /// and a path is only needed for a problem.
    list: Rc<FieldPath>,
    index: usize,
    /// The item itself: borrowed from its document, or taken out of it.
    item: T,
}

impl<'d, T> Located<'d, T> {
    fn path(&self) -> FieldPath {
        self.list.index(self.index)
    }

    /// The item, and where it was.
    fn take(self) -> (Located<'d, ()>, T) {
        let place = Located {
            source: self.source,
            list: self.list,
            index: self.index,
            item: (),
        };
        (place, self.item)
    }
}

impl<'s> Builder<'s> {
    fn report(&mut self, source: &'s SourceFile, path: &FieldPath, message: impl Into<String>) {
        self.findings.at(source, path.clone(), message);
    }

    /// "; did you mean `x`? valid kind: a, b, c" for an unknown id, when
    /// the problem will be listed: a "did you mean" compares the id with
    /// every valid one, which is not worth doing for a problem that is only
    /// counted. Empty otherwise.
    fn hint<'v>(&self, given: &str, kind: &str, valid: impl FnOnce() -> Vec<&'v str>) -> String {
        if self.findings.listing() {
            format!("; {}", unknown_id_hint(given, kind, &valid()))
        } else {
            String::new()
        }
    }

    fn report_missing(&mut self, message: &str) {
        let file = self
            .first_source
            .map_or("(no criteria files)", |source| source.name.as_str());
        self.findings
            .push(Problem::in_file(file, message.to_owned()));
    }

    fn build(&mut self, mut documents: Vec<(&'s SourceFile, CriteriaDocument)>) -> Model {
        let scale = self.scale(&documents);
        let provenance = self.provenance(&documents);
        let alternatives = self.alternatives(&documents);
        let alternative_ids: Vec<&str> = alternatives.iter().map(|alt| alt.id.as_str()).collect();
        // Each id's first index: ratings, scores set by options and rules
        // name alternatives by id, and a file may have thousands.
        let mut alternative_index: HashMap<&str, usize> =
            HashMap::with_capacity(alternative_ids.len());
        for (index, id) in alternative_ids.iter().enumerate() {
            alternative_index.entry(id).or_insert(index);
        }

        // Each criterion is taken out of its document and built, and what is
        // left of it dropped, while it is still in the cache: reading a
        // large file's parsed criteria a second time, to build, and a third,
        // to drop them, came from memory.
        let lists: Vec<(&'s SourceFile, Vec<CriterionEntry>)> = documents
            .iter_mut()
            .filter_map(|(source, document)| Some((*source, document.criteria.take()?)))
            .collect();
        let count = lists.iter().map(|(_, list)| list.len()).sum();
        if count == 0 {
            self.report_missing("no `criteria` section: at least one criterion is needed");
        }
        let mut places = Vec::with_capacity(count);
        let mut criteria = Vec::with_capacity(count);
        let mut base_weights = Vec::with_capacity(count);
        let mut kinds = Vec::with_capacity(count);
        let mut scores = Table::with_capacity(count, alternative_ids.len());
        let mut row = Vec::with_capacity(alternative_ids.len());
        let mut revisions = Vec::new();
        let mut ranges = Vec::new();
        // Problems with ids come before the problems of each criterion's
        // fields, as they always have; the ids can only be checked once
        // every criterion is built, so the fields' problems wait meanwhile.
        let fresh = self.findings.fresh();
        let before_criteria = std::mem::replace(&mut self.findings, fresh);
        for (source, list) in lists {
            let path = Rc::new(FieldPath::root().key("criteria"));
            for (index, item) in list.into_iter().enumerate() {
                let entry = Located {
                    source,
                    list: Rc::clone(&path),
                    index,
                    item,
                };
                base_weights.push(entry.item.weight);
                kinds.push(entry.item.kind);
                let (place, criterion) = self.criterion(
                    entry,
                    scale,
                    (&alternative_ids, &alternative_index),
                    &mut scores,
                    &mut row,
                    (&mut revisions, &mut ranges),
                );
                places.push(place);
                criteria.push(criterion);
            }
        }
        let criteria_problems = std::mem::replace(&mut self.findings, before_criteria);
        let criterion_ids = self.unique_ids(&places, "criterion", |index, ()| {
            criteria[index].id.as_str()
        });
        self.findings.append(criteria_problems);
        // Only worth saying when every weight is otherwise valid: a negative
        // or NaN weight has its own problem already.
        let weights_valid = base_weights
            .iter()
            .all(|weight| weight.is_finite() && *weight >= 0.0);
        let all_zero = base_weights.iter().all(|weight| *weight == 0.0);
        if !criteria.is_empty() && weights_valid && all_zero {
            let first = &places[0];
            self.report(
                first.source,
                &first.path().key("weight"),
                "every criterion has base weight 0: at least one must be positive",
            );
        }

        let references = References {
            scale,
            criterion_ids: &criterion_ids,
            sorted_criterion_ids: OnceCell::new(),
            alternative_ids: &alternative_ids,
            alternative_index: &alternative_index,
        };
        let group_entries = section(&documents, "groups", |document| document.groups.as_ref());
        let groups = self.groups(&group_entries, &references);

        let question_entries = section(&documents, "questions", |document| {
            document.questions.as_ref()
        });
        let question_ids = self.unique_ids(&question_entries, "question", |_, entry| &entry.id);
        // Each question's option ids, for the conditions of the questions
        // after it.
        let mut option_ids = Vec::with_capacity(question_entries.len());
        let mut questions = Vec::with_capacity(question_entries.len());
        for (index, entry) in question_entries.iter().enumerate() {
            let (mut question, options) = self.question(entry, &references);
            option_ids.push(options);
            question.when =
                self.conditions(index, entry, &question_entries, &question_ids, &option_ids);
            questions.push(question);
        }

        // The scores are built as the source gives them; the current layer,
        // every run's default, applies the revisions on top.
        for revision in &revisions {
            scores[revision.criterion][revision.alternative] = revision.current;
        }
        let model = Model {
            scale,
            alternatives,
            criteria,
            base_weights,
            kinds,
            scores,
            evidence: Evidence::Current,
            revisions,
            ranges,
            provenance,
            groups,
            questions,
        };
        self.weights_in_range(&model, &places, &group_entries);
        model
    }

    /// Every weight any combination of answers gives stays within the
    /// numbers 64-bit floating point computes with in full (see
    /// [`super::WeightReach`]), and so does each group's sum of them.
    /// Only said when every weight, addition and factor is otherwise
    /// valid: an infinite or negative one has its own problem already.
    fn weights_in_range(
        &mut self,
        model: &Model,
        places: &[Located<'s, ()>],
        group_entries: &[Located<'s, &GroupEntry>],
    ) {
        let valid = model
            .base_weights
            .iter()
            .all(|weight| weight.is_finite() && *weight >= 0.0)
            && model
                .questions
                .iter()
                .flat_map(|q| &q.choices)
                .all(|choice| {
                    choice.add.iter().all(|(_, a)| a.is_finite() && *a >= 0.0)
                        && choice
                            .multiply
                            .iter()
                            .all(|(_, f)| f.is_finite() && *f > 0.0)
                });
        if !valid || places.len() != model.criteria.len() {
            return;
        }
        let reach = model.weight_reach(&model.base_weights);
        for (place, bound) in places.iter().zip(&reach) {
            if let Some(problem) = bound.problem() {
                self.report(place.source, &place.path().key("weight"), problem);
            }
        }
        for (group, entry) in model.groups.iter().zip(group_entries) {
            let sum: f64 = group.members.iter().map(|&m| reach[m].highest()).sum();
            let members_fit = group.members.iter().all(|&m| reach[m].problem().is_none());
            if members_fit && !sum.is_finite() {
                self.report(
                    entry.source,
                    &entry.path().key("members"),
                    "the members' weights, with the answers' additions and factors, can add up past the largest number 64-bit floating point holds (1.8e308); only the weights' ratios matter, so use smaller ones",
                );
            }
        }
    }

    /// The `evidence` section: the published source and the date of the
    /// current revisions. Optional, and in one file at most.
    fn provenance(&mut self, documents: &[(&'s SourceFile, CriteriaDocument)]) -> Provenance {
        let mut found: Option<Provenance> = None;
        for (source, document) in documents {
            let Some(entry) = &document.evidence else {
                continue;
            };
            let path = FieldPath::root().key("evidence");
            if found.is_some() {
                self.report(source, &path, "`evidence` is defined in more than one file");
                continue;
            }
            let mut provenance = Provenance::default();
            if let Some(article) = &entry.article {
                if article.title.trim().is_empty() {
                    self.report(
                        source,
                        &path.key("article").key("title"),
                        "give the title of the source the scores rest on",
                    );
                }
                provenance.article = Some(Article {
                    title: article.title.clone(),
                    publisher: article.publisher.clone(),
                    date: article.date.clone(),
                    note: article.note.clone(),
                });
            }
            if let Some(current) = &entry.current {
                if current.as_of.trim().is_empty() {
                    self.report(
                        source,
                        &path.key("current").key("as_of"),
                        "give the date the current evidence was checked, e.g. 2026-12",
                    );
                }
                provenance.current_as_of = Some(current.as_of.clone());
                provenance.current_note = current.note.clone();
            }
            found = Some(provenance);
        }
        found.unwrap_or_default()
    }

    /// Resolves the `groups` section: each member a known criterion, in one
    /// group at most, at least two to a group, and a reason for each group.
    fn groups(
        &mut self,
        entries: &[Located<'s, &GroupEntry>],
        references: &References<'_>,
    ) -> Vec<Group> {
        self.unique_ids(entries, "group", |_, entry| &entry.id);
        // The group (index and id) each criterion is in so far.
        let mut member_of: HashMap<usize, (usize, &str)> = HashMap::new();
        let mut groups = Vec::with_capacity(entries.len());
        for (group_index, entry) in entries.iter().enumerate() {
            let item = entry.item;
            let path = || entry.path();
            if item.why.trim().is_empty() {
                self.report(
                    entry.source,
                    &path().key("why"),
                    "say why the members measure one property: a group changes the verdict",
                );
            }
            let mut members = Vec::with_capacity(item.members.len());
            for (position, id) in item.members.iter().enumerate() {
                let member_path = || path().key("members").index(position);
                let Some(&criterion) = references.criterion_ids.get(id.as_str()) else {
                    let hint = self.hint(id, "criteria", || references.sorted_criterion_ids());
                    self.report(
                        entry.source,
                        &member_path(),
                        format!("unknown criterion `{}`{hint}", shown(id)),
                    );
                    continue;
                };
                match member_of.get(&criterion) {
                    Some(&(group, _)) if group == group_index => {
                        self.report(
                            entry.source,
                            &member_path(),
                            format!(
                                "criterion `{}` is listed twice in group `{}`",
                                shown(id),
                                shown(&item.id)
                            ),
                        );
                        continue;
                    }
                    Some(&(_, other)) => {
                        self.report(
                            entry.source,
                            &member_path(),
                            format!(
                                "criterion `{}` is already in group `{}`; a criterion shares its weight with one group at most",
                                shown(id),
                                shown(other)
                            ),
                        );
                        continue;
                    }
                    None => {
                        member_of.insert(criterion, (group_index, &item.id));
                    }
                }
                members.push(criterion);
            }
            if item.members.len() < 2 {
                self.report(
                    entry.source,
                    &path().key("members"),
                    "a group needs at least two members",
                );
            }
            if !(0.0..=1.0).contains(&item.rest_counts) {
                self.report(
                    entry.source,
                    &path().key("rest_counts"),
                    format!(
                        "`rest_counts` is the fraction of its weight each further member adds, from 0 to 1 (got {})",
                        item.rest_counts
                    ),
                );
            }
            groups.push(Group {
                id: item.id.clone(),
                name: item.name.clone(),
                why: item.why.clone(),
                members,
                rest_counts: item.rest_counts,
            });
        }
        groups
    }

    /// Resolves a question's `when`: each named question asked earlier, and
    /// each listed option one of its options.
    fn conditions(
        &mut self,
        index: usize,
        entry: &Located<'s, &QuestionEntry>,
        entries: &[Located<'s, &QuestionEntry>],
        question_ids: &HashMap<&str, usize>,
        option_ids: &[HashMap<&str, usize>],
    ) -> Vec<Condition> {
        let path = || entry.path().key("when");
        let mut conditions = Vec::new();
        for (id, options) in entry.item.when.iter() {
            let question = match question_ids.get(id) {
                Some(&question) if question < index => question,
                Some(_) => {
                    self.report(
                        entry.source,
                        &path().key_name(id),
                        format!(
                            "question `{}` depends on `{}`, which is not asked before it; a condition can only name an earlier question",
                            shown(&entry.item.id),
                            shown(id)
                        ),
                    );
                    continue;
                }
                None => {
                    let hint = self.hint(id, "earlier questions", || {
                        entries[..index]
                            .iter()
                            .map(|entry| entry.item.id.as_str())
                            .collect()
                    });
                    self.report(
                        entry.source,
                        &path().key_name(id),
                        format!("unknown question `{}`{hint}", shown(id)),
                    );
                    continue;
                }
            };
            if options.0.is_empty() {
                self.report(
                    entry.source,
                    &path().key(id),
                    format!(
                        "list the options of `{}` under which this question is asked",
                        shown(id)
                    ),
                );
            }
            let mut resolved = Vec::with_capacity(options.0.len());
            for (position, option) in options.0.iter().enumerate() {
                match option_ids[question].get(option.as_str()) {
                    Some(&choice) => resolved.push(choice),
                    None => {
                        let option_path = if options.0.len() == 1 {
                            path().key(id)
                        } else {
                            path().key(id).index(position)
                        };
                        let hint = self.hint(option, "options", || {
                            entries[question]
                                .item
                                .options
                                .iter()
                                .map(|option| option.id.as_str())
                                .collect()
                        });
                        self.report(
                            entry.source,
                            &option_path,
                            format!(
                                "unknown option `{}` of question `{}`{hint}",
                                shown(option),
                                shown(id)
                            ),
                        );
                    }
                }
            }
            conditions.push(Condition {
                question,
                options: resolved,
            });
        }
        conditions
    }

    fn scale(&mut self, documents: &[(&'s SourceFile, CriteriaDocument)]) -> Scale {
        let mut found: Option<Scale> = None;
        for (source, document) in documents {
            let Some(entry) = &document.scale else {
                continue;
            };
            let path = FieldPath::root().key("scale");
            if found.is_some() {
                self.report(source, &path, "`scale` is defined in more than one file");
                continue;
            }
            if !entry.min.is_finite() || !entry.max.is_finite() || entry.min >= entry.max {
                self.report(
                    source,
                    &path,
                    format!(
                        "`min` must be below `max` and both finite numbers (got {} and {})",
                        entry.min, entry.max
                    ),
                );
            } else {
                for (field, bound) in [("min", entry.min), ("max", entry.max)] {
                    if bound.abs() > super::LARGEST_SCALE {
                        self.report(
                            source,
                            &path.key(field),
                            format!(
                                "{} is beyond ±1e300, the largest scale pick-stack takes: sums of scores and their squares past it overflow 64-bit floating point; scores compare alike on a smaller scale",
                                crate::magnitude::text(bound)
                            ),
                        );
                    }
                }
            }
            found = Some(Scale {
                min: entry.min,
                max: entry.max,
            });
        }
        found.unwrap_or_else(|| {
            self.report_missing(
                "no `scale` section: declare the score range, e.g. `scale: {min: 0, max: 10}`",
            );
            Scale {
                min: 0.0,
                max: 10.0,
            }
        })
    }

    fn alternatives(
        &mut self,
        documents: &[(&'s SourceFile, CriteriaDocument)],
    ) -> Vec<Alternative> {
        let mut defined_in: Option<&SourceFile> = None;
        let mut entries = Vec::new();
        for (source, document) in documents {
            let Some(list) = &document.alternatives else {
                continue;
            };
            if defined_in.is_some() {
                self.report(
                    source,
                    &FieldPath::root().key("alternatives"),
                    "`alternatives` is defined in more than one file",
                );
                continue;
            }
            defined_in = Some(source);
            let path = Rc::new(FieldPath::root().key("alternatives"));
            entries.extend(list.iter().enumerate().map(|(index, item)| Located {
                source,
                list: Rc::clone(&path),
                index,
                item,
            }));
        }
        match defined_in {
            None => self
                .report_missing("no `alternatives` section: at least two alternatives are needed"),
            Some(source) if entries.len() < 2 => self.report(
                source,
                &FieldPath::root().key("alternatives"),
                "at least two alternatives are needed for a comparison",
            ),
            Some(_) => {}
        }
        self.unique_ids(&entries, "alternative", |_, entry| &entry.id);
        self.alternatives_apart(&entries);
        entries
            .iter()
            .map(|entry| Alternative {
                id: entry.item.id.clone(),
                name: entry.item.name.clone(),
                note: entry.item.note.clone(),
            })
            .collect()
    }

    /// No two alternatives are written alike, ids and names together, as a
    /// reader and `--expect` see them (see [`super::lookalike`]): an id of
    /// one that is the name of another passed `--expect node` for the
    /// alternative named "NODE". Each clash is located at the later of the
    /// two, and an id or name that mixes Latin with Greek or Cyrillic
    /// letters (a look-alike of another) is reported where it is.
    fn alternatives_apart(&mut self, entries: &[Located<'s, &AlternativeEntry>]) {
        // Each key's first holder: (alternative, field, text as written).
        let mut claimed: HashMap<String, (usize, &str, &str)> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let texts = [
                ("id", entry.item.id.as_str()),
                ("name", entry.item.name.as_str()),
            ];
            // A name is what every report shows: one that shows nothing
            // (empty, spaces, invisible characters) leaves a column with
            // no heading and a verdict naming no one.
            if lookalike::key(&entry.item.name).is_empty() {
                self.report(
                    entry.source,
                    &entry.path().key("name"),
                    format!(
                        "alternative `{}` has a name that shows nothing; give it a name a reader sees",
                        shown(&entry.item.id)
                    ),
                );
            }
            for (field, text) in texts {
                if text.trim().is_empty() {
                    continue;
                }
                if let Some(mixed) = lookalike::mixed_scripts(text) {
                    self.report(
                        entry.source,
                        &entry.path().key(field),
                        format!(
                            "alternative {field} `{}` mixes {mixed}, so it can pass for another; write it in one script",
                            shown(&lookalike::visible(text))
                        ),
                    );
                }
                match claimed.get(&lookalike::key(text)) {
                    None => {
                        claimed.insert(lookalike::key(text), (index, field, text));
                    }
                    // An alternative's own id and name may be alike.
                    Some(&(holder, _, _)) if holder == index => {}
                    // Written exactly alike, two ids are a duplicate id,
                    // said already.
                    Some(&(_, "id", earlier)) if field == "id" && earlier == text => {}
                    Some(&(holder, holder_field, earlier)) => self.report(
                        entry.source,
                        &entry.path().key(field),
                        format!(
                            "alternative {field} `{}` is written like the {holder_field} `{}` of alternative `{}` (alternatives[{holder}]), ignoring case, compatibility forms and invisible characters, so `--expect` could mean either; give each alternative an id and a name no other alternative's matches",
                            shown(&lookalike::visible(text)),
                            shown(&lookalike::visible(earlier)),
                            shown(&lookalike::visible(&entries[holder].item.id)),
                        ),
                    ),
                }
            }
        }
    }

    /// Checks ids are non-empty and unique; returns id to index.
    fn unique_ids<'d, T>(
        &mut self,
        entries: &[Located<'s, T>],
        kind: &str,
        id_of: impl Fn(usize, &T) -> &'d str,
    ) -> HashMap<&'d str, usize> {
        let mut ids = HashMap::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            let id = id_of(index, &entry.item);
            if id.trim().is_empty() {
                self.report(
                    entry.source,
                    &entry.path().key("id"),
                    format!("{kind} id is empty"),
                );
            } else if let Some(&first) = ids.get(id) {
                // Where the first is, which may be another file of a folder.
                let first: &Located<'s, T> = &entries[first];
                let at = first
                    .source
                    .locate(&first.path().key("id"))
                    .map(|location| {
                        format!(
                            " (first at {}:{}:{})",
                            crate::untrusted::escaped(&first.source.name),
                            location.line,
                            location.column
                        )
                    })
                    .unwrap_or_default();
                self.report(
                    entry.source,
                    &entry.path().key("id"),
                    format!("duplicate {kind} id `{}`{at}", shown(id)),
                );
            } else {
                ids.insert(id, index);
            }
        }
        ids
    }

    fn criterion(
        &mut self,
        entry: Located<'s, CriterionEntry>,
        scale: Scale,
        (alternative_ids, alternative_index): (&[&str], &HashMap<&str, usize>),
        table: &mut Table,
        // Each alternative's score as the ratings give it: the caller's
        // buffer, used for every criterion in turn.
        scores: &mut Vec<Option<f64>>,
        (revisions, ranges): (&mut Vec<Revision>, &mut Vec<ScoreRange>),
    ) -> (Located<'s, ()>, Criterion) {
        // Rows are pushed in order, so the table's length is this
        // criterion's index.
        let criterion_index = table.len();
        let (entry, item) = entry.take();
        if !item.weight.is_finite() || item.weight < 0.0 {
            self.report(
                entry.source,
                &entry.path().key("weight"),
                format!(
                    "weight must be a finite number, 0 or more (got {})",
                    item.weight
                ),
            );
        }
        // As for an alternative: every report shows the name.
        if lookalike::key(&item.name).is_empty() {
            self.report(
                entry.source,
                &entry.path().key("name"),
                format!(
                    "criterion `{}` has a name that shows nothing; give it a name a reader sees",
                    shown(&item.id)
                ),
            );
        }
        // Paths are only built for a problem: a company-wide file has
        // hundreds of thousands of ratings and, usually, no problem.
        let ratings_path = || entry.path().key("ratings");
        scores.clear();
        scores.resize(alternative_ids.len(), None);
        let mut rationales: Vec<Box<str>> = Vec::new();
        let mut rating_sources: Vec<Box<str>> = Vec::new();
        let mut written = item.ratings.rationales.into_iter().peekable();
        let mut evidence = item.ratings.evidence.into_iter().peekable();
        for (position, (alternative, &score)) in item.ratings.scores.iter().enumerate() {
            let rationale = written
                .next_if(|(at, _)| *at as usize == position)
                .map(|(_, rationale)| rationale);
            let rating_evidence = evidence
                .next_if(|(at, _)| *at as usize == position)
                .map(|(_, evidence)| evidence);
            // Ratings are usually written in the alternatives' order.
            let index = if alternative_ids.get(position) == Some(&alternative) {
                Some(position)
            } else {
                alternative_index.get(alternative).copied()
            };
            let Some(index) = index else {
                let hint = self.hint(alternative, "alternatives", || alternative_ids.to_vec());
                self.report(
                    entry.source,
                    &ratings_path().key_name(alternative),
                    format!("unknown alternative `{}`{hint}", shown(alternative)),
                );
                continue;
            };
            if !in_scale(score, scale) {
                let path = ratings_path().key(alternative);
                // The short form `a: 8` has no `score` key to point at:
                // the problem is at the first of the two the file has.
                self.findings.at_first_of(
                    entry.source,
                    vec![path.key("score"), path],
                    outside_scale(score, scale),
                );
            }
            scores[index] = Some(score);
            if let Some(rationale) = rationale {
                rationales.resize(alternative_ids.len(), Box::default());
                rationales[index] = rationale;
            }
            if let Some(RatingEvidence {
                source,
                current,
                range,
            }) = rating_evidence
            {
                if let Some(range) = range {
                    let path = || ratings_path().key(alternative).key("range");
                    let current_score = current.as_ref().map(|current| current.score);
                    if let Some((low, high)) =
                        self.check_range(entry.source, path, range, score, current_score, scale)
                    {
                        ranges.push(ScoreRange {
                            criterion: criterion_index,
                            alternative: index,
                            low,
                            high,
                        });
                    }
                }
                if let Some(source) = source {
                    rating_sources.resize(alternative_ids.len(), Box::default());
                    rating_sources[index] = source.into();
                }
                if let Some(current) = current {
                    let path = || ratings_path().key(alternative).key("current");
                    self.check_score(entry.source, || path().key("score"), current.score, scale);
                    if current.score == score {
                        self.report(
                            entry.source,
                            &path().key("score"),
                            format!(
                                "the current score repeats the source's {}; drop `current`, or give the score current evidence supports",
                                crate::magnitude::text(score)
                            ),
                        );
                    }
                    for (field, text, meaning) in [
                        (
                            "since",
                            &current.since,
                            "when the change took effect, e.g. 2019",
                        ),
                        ("note", &current.note, "what changed, in a sentence"),
                    ] {
                        if text.trim().is_empty() {
                            self.report(
                                entry.source,
                                &path().key(field),
                                format!("a current score needs `{field}`: {meaning}"),
                            );
                        }
                    }
                    revisions.push(Revision {
                        criterion: criterion_index,
                        alternative: index,
                        article: score,
                        current: current.score,
                        since: current.since,
                        note: current.note,
                    });
                }
            }
        }
        // Ratings may be written in any order; revisions keep the
        // alternatives' order within their criterion.
        let first_of_criterion = revisions.partition_point(|r| r.criterion < criterion_index);
        revisions[first_of_criterion..].sort_by_key(|revision| revision.alternative);
        let first_of_criterion = ranges.partition_point(|r| r.criterion < criterion_index);
        ranges[first_of_criterion..].sort_by_key(|range| range.alternative);
        table.push_row(scores.drain(..).zip(alternative_ids).enumerate().map(
            |(position, (score, alternative))| {
                score.unwrap_or_else(|| {
                    // A second alternative with the same id cannot be
                    // rated apart from the first: its duplicate id is
                    // the problem, already reported.
                    if alternative_index.get(alternative) != Some(&position) {
                        return scale.min;
                    }
                    self.report(
                        entry.source,
                        &ratings_path(),
                        format!(
                            "criterion `{}` has no rating for alternative `{}`",
                            shown(&item.id),
                            shown(alternative)
                        ),
                    );
                    scale.min
                })
            },
        ));
        let criterion = Criterion {
            id: item.id,
            name: item.name,
            description: item.description.into(),
            source: item.source.map(Into::into),
            rationales,
            rating_sources,
        };
        (entry, criterion)
    }

    /// A rating's range: two numbers, low then high, within the scale and
    /// holding the rating's score and its current score, so that it is a
    /// range for the rating in either evidence layer.
    fn check_range(
        &mut self,
        source: &'s SourceFile,
        path: impl Fn() -> FieldPath,
        range: Vec<f64>,
        score: f64,
        current: Option<f64>,
        scale: Scale,
    ) -> Option<(f64, f64)> {
        let &[low, high] = range.as_slice() else {
            self.report(
                source,
                &path(),
                format!(
                    "a range is two numbers, the lowest and highest plausible score, e.g. [6, 8]; got {}",
                    match range.len() {
                        1 => "one number".to_owned(),
                        count => format!("{count} numbers"),
                    }
                ),
            );
            return None;
        };
        let mut fine = true;
        for (index, bound) in [low, high].into_iter().enumerate() {
            if !in_scale(bound, scale) {
                let message = format!(
                    "the range's {} end, {}, is outside the scale {} to {}",
                    if index == 0 { "low" } else { "high" },
                    crate::magnitude::text(bound),
                    crate::magnitude::text(scale.min),
                    crate::magnitude::text(scale.max)
                );
                self.report(source, &path().index(index), message);
                fine = false;
            }
        }
        if fine && low > high {
            self.report(
                source,
                &path(),
                format!(
                    "a range runs from low to high; write [{}, {}]",
                    crate::magnitude::text(high),
                    crate::magnitude::text(low)
                ),
            );
            return None;
        }
        for (which, held) in [("score", Some(score)), ("current score", current)] {
            if let Some(held) = held
                && fine
                && !(low..=high).contains(&held)
            {
                self.report(
                    source,
                    &path(),
                    format!(
                        "the range {} to {} leaves out the rating's {which} {}; widen it to hold it",
                        crate::magnitude::text(low),
                        crate::magnitude::text(high),
                        crate::magnitude::text(held)
                    ),
                );
                fine = false;
            }
        }
        fine.then_some((low, high))
    }

    /// `path` is worked out only for a problem: most scores have none.
    fn check_score(
        &mut self,
        source: &'s SourceFile,
        path: impl FnOnce() -> FieldPath,
        score: f64,
        scale: Scale,
    ) {
        if !in_scale(score, scale) {
            self.report(source, &path(), outside_scale(score, scale));
        }
    }

    /// The question, and its option ids (for the conditions of later
    /// questions).
    fn question<'d>(
        &mut self,
        entry: &Located<'s, &'d QuestionEntry>,
        references: &References<'_>,
    ) -> (Question, HashMap<&'d str, usize>) {
        let item: &'d QuestionEntry = entry.item;
        let options_path = Rc::new(entry.path().key("options"));
        if item.options.is_empty() {
            self.report(
                entry.source,
                &options_path,
                format!("question `{}` has no options", shown(&item.id)),
            );
        }
        let option_entries: Vec<Located<'s, _>> = item
            .options
            .iter()
            .enumerate()
            .map(|(index, option)| Located {
                source: entry.source,
                list: Rc::clone(&options_path),
                index,
                item: option,
            })
            .collect();
        let option_ids = self.unique_ids(&option_entries, "option", |index, _| {
            item.options[index].id.as_str()
        });
        let default = match option_ids.get(item.default.as_str()) {
            Some(index) => *index,
            // No options is reported above; no default could be valid.
            None if item.options.is_empty() => 0,
            None => {
                let hint = self.hint(&item.default, "options", || {
                    item.options
                        .iter()
                        .map(|option| option.id.as_str())
                        .collect()
                });
                self.report(
                    entry.source,
                    &entry.path().key("default"),
                    format!(
                        "default `{}` is not an option of question `{}`{hint}",
                        shown(&item.default),
                        shown(&item.id),
                    ),
                );
                0
            }
        };
        let choices = option_entries
            .iter()
            .map(|option| self.choice(option, references))
            .collect();
        let question = Question {
            id: item.id.clone(),
            prompt: item.prompt.clone(),
            help: item.help.clone(),
            // Resolved by the caller, which knows the questions before it.
            when: Vec::new(),
            fact: item.fact,
            default,
            choices,
        };
        (question, option_ids)
    }

    fn choice(
        &mut self,
        entry: &Located<'s, &super::document::ChoiceEntry>,
        references: &References<'_>,
    ) -> Choice {
        let item = entry.item;
        let add = self.weight_changes(
            entry,
            "add",
            &item.add,
            references,
            |amount| amount >= 0.0,
            "0 or more",
        );
        let multiply = self.weight_changes(
            entry,
            "multiply",
            &item.multiply,
            references,
            |factor| factor > 0.0,
            "above 0",
        );
        let mut set_scores = Vec::new();
        for (criterion, scores) in item.set_scores.iter() {
            let path = || entry.path().key("set_scores");
            let Some(criterion_index) =
                self.criterion_ref(entry.source, path, criterion, references)
            else {
                continue;
            };
            for (alternative, &Number(score)) in scores.iter() {
                let score_path = || path().key(criterion);
                let Some(&alternative_index) = references.alternative_index.get(alternative) else {
                    let hint = self.hint(alternative, "alternatives", || {
                        references.alternative_ids.to_vec()
                    });
                    self.report(
                        entry.source,
                        &score_path().key_name(alternative),
                        format!("unknown alternative `{}`{hint}", shown(alternative)),
                    );
                    continue;
                };
                self.check_score(
                    entry.source,
                    || score_path().key(alternative),
                    score,
                    references.scale,
                );
                set_scores.push(ScoreOverride {
                    criterion: criterion_index,
                    alternative: alternative_index,
                    score,
                });
            }
        }
        let mut rule_out = Vec::new();
        for (alternative, reason) in item.rule_out.iter() {
            let path = || entry.path().key("rule_out");
            match references.alternative_index.get(alternative).copied() {
                Some(index) => {
                    if reason.trim().is_empty() {
                        self.report(
                            entry.source,
                            &path().key(alternative),
                            "give the reason this answer rules the alternative out",
                        );
                    }
                    rule_out.push((index, reason.clone()));
                }
                None => {
                    let hint = self.hint(alternative, "alternatives", || {
                        references.alternative_ids.to_vec()
                    });
                    self.report(
                        entry.source,
                        &path().key_name(alternative),
                        format!("unknown alternative `{}`{hint}", shown(alternative)),
                    );
                }
            }
        }
        let choice = Choice {
            id: item.id.clone(),
            label: item.label.clone(),
            add,
            multiply,
            set_scores,
            rule_out,
            neutral: item.neutral.clone(),
        };
        if let Some(reason) = &item.neutral {
            let path = entry.path().key("neutral");
            if choice.has_effect() {
                self.report(
                    entry.source,
                    &path,
                    "an option marked neutral must change nothing: drop `neutral`, or its add, multiply, set_scores and rule_out",
                );
            } else if reason.trim().is_empty() {
                self.report(entry.source, &path, "say why the option changes nothing");
            }
        }
        choice
    }

    /// Resolves an option's `add` or `multiply` map: criterion ids to
    /// indices, each number finite and within `in_range`.
    fn weight_changes(
        &mut self,
        entry: &Located<'s, &super::document::ChoiceEntry>,
        field: &str,
        changes: &OrderedMap<Number>,
        references: &References<'_>,
        in_range: impl Fn(f64) -> bool,
        range: &str,
    ) -> Vec<(usize, f64)> {
        let mut resolved = Vec::new();
        for (criterion, &Number(value)) in changes.iter() {
            let path = || entry.path().key(field);
            let Some(index) = self.criterion_ref(entry.source, path, criterion, references) else {
                continue;
            };
            if !value.is_finite() || !in_range(value) {
                self.report(
                    entry.source,
                    &path().key(criterion),
                    format!(
                        "`{field}` takes a finite number {range} (got {})",
                        crate::magnitude::text(value)
                    ),
                );
            }
            resolved.push((index, value));
        }
        resolved
    }

    /// Resolves a criterion id named as a key under `path`, which is
    /// worked out only for an unknown id.
    fn criterion_ref(
        &mut self,
        source: &'s SourceFile,
        path: impl FnOnce() -> FieldPath,
        criterion: &str,
        references: &References<'_>,
    ) -> Option<usize> {
        let found = references.criterion_ids.get(criterion).copied();
        if found.is_none() {
            let hint = self.hint(criterion, "criteria", || references.sorted_criterion_ids());
            self.report(
                source,
                &path().key_name(criterion),
                format!("unknown criterion `{}`{hint}", shown(criterion)),
            );
        }
        found
    }
}

fn in_scale(score: f64, scale: Scale) -> bool {
    score.is_finite() && score >= scale.min && score <= scale.max
}

fn outside_scale(score: f64, scale: Scale) -> String {
    format!(
        "score {} is outside the scale {} to {}",
        crate::magnitude::text(score),
        crate::magnitude::text(scale.min),
        crate::magnitude::text(scale.max)
    )
}

/// What options and groups may refer to.
struct References<'a> {
    scale: Scale,
    criterion_ids: &'a HashMap<&'a str, usize>,
    /// The criterion ids in order, for a "did you mean": sorted once, on
    /// the first unknown id.
    sorted_criterion_ids: OnceCell<Vec<&'a str>>,
    alternative_ids: &'a [&'a str],
    alternative_index: &'a HashMap<&'a str, usize>,
}

impl<'a> References<'a> {
    fn sorted_criterion_ids(&self) -> Vec<&'a str> {
        self.sorted_criterion_ids
            .get_or_init(|| {
                let mut ids: Vec<&str> = self.criterion_ids.keys().copied().collect();
                ids.sort_unstable();
                ids
            })
            .clone()
    }
}

/// Every item of one sequence section across all files, in file order.
fn section<'d, 's, T>(
    documents: &'d [(&'s SourceFile, CriteriaDocument)],
    name: &str,
    list_of: impl Fn(&'d CriteriaDocument) -> Option<&'d Vec<T>>,
) -> Vec<Located<'s, &'d T>> {
    let mut items = Vec::new();
    for (source, document) in documents {
        if let Some(list) = list_of(document) {
            let path = Rc::new(FieldPath::root().key(name));
            items.extend(list.iter().enumerate().map(|(index, item)| Located {
                source,
                list: Rc::clone(&path),
                index,
                item,
            }));
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ratings are read apart from their rationales (see
    /// `document::Ratings`); each rationale must still reach the alternative
    /// it was written for, whatever order the ratings are in and whichever
    /// of them use the short form.
    #[test]
    fn rationales_stay_with_their_alternatives_in_any_order() {
        let yaml = "\
scale: {min: 0, max: 10}
alternatives:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
criteria:
  - id: speed
    name: Speed
    weight: 1
    ratings:
      c: {score: 3, rationale: why c}
      a: 1
      b: {score: 2, rationale: why b}
  - id: cost
    name: Cost
    weight: 1
    ratings: {b: 5, a: {score: 4, rationale: why a}, c: 6}
  - id: plain
    name: Plain
    weight: 1
    ratings: {a: 7, b: 8, c: 9}
";
        let json = r#"{"scale": {"min": 0, "max": 10},
 "alternatives": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
 "criteria": [
  {"id": "speed", "name": "Speed", "weight": 1,
   "ratings": {"c": {"score": 3, "rationale": "why c"}, "a": 1, "b": {"score": 2, "rationale": "why b"}}},
  {"id": "cost", "name": "Cost", "weight": 1,
   "ratings": {"b": 5, "a": {"score": 4, "rationale": "why a"}, "c": 6}},
  {"id": "plain", "name": "Plain", "weight": 1, "ratings": {"a": 7, "b": 8, "c": 9}}]}"#;
        for (name, text) in [("criteria.yaml", yaml), ("criteria.json", json)] {
            let model = build(&[SourceFile::new(name, text)]).expect(name);
            let shown = |criterion: usize| -> Vec<&str> {
                (0..3)
                    .map(|alternative| model.criteria[criterion].rationale(alternative))
                    .collect()
            };
            assert_eq!(shown(0), ["", "why b", "why c"], "{name}");
            assert_eq!(shown(1), ["why a", "", ""], "{name}");
            assert_eq!(shown(2), ["", "", ""], "{name}");
            assert_eq!(model.scores[0], [1.0, 2.0, 3.0], "{name}");
            assert_eq!(model.scores[1], [4.0, 5.0, 6.0], "{name}");
        }
    }
}
