//! The YAML documents as written: criteria files and answers files.
//!
//! These types mirror the files field for field and reject unknown fields, so
//! a typo in a key is an error rather than a silently ignored setting. Ids are
//! still plain strings here; [`super::build`] resolves and checks them.

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// One criteria file. Every section is optional so that a folder may split
/// them across files; [`super::build`] checks that the merged whole is
/// complete.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaDocument {
    pub scale: Option<ScaleEntry>,
    /// Where the scores come from: the published comparison they rest on,
    /// and the date of the current evidence that revises some of them.
    pub evidence: Option<EvidenceEntry>,
    pub alternatives: Option<Vec<AlternativeEntry>>,
    pub criteria: Option<Vec<CriterionEntry>>,
    /// Criteria that rest on one underlying property and share one weight.
    pub groups: Option<Vec<GroupEntry>>,
    pub questions: Option<Vec<QuestionEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceEntry {
    /// The published comparison whose verdicts the ratings' `score` keep.
    #[serde(default)]
    pub article: Option<ArticleEntry>,
    /// The revisions in the ratings' `current` blocks, as a whole.
    #[serde(default)]
    pub current: Option<CurrentLayerEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleEntry {
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    /// What a reader should know about the copy, e.g. that it is undated.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrentLayerEntry {
    /// When the current evidence was last checked, e.g. `2026-12`.
    pub as_of: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEntry {
    pub id: String,
    pub name: String,
    /// Why the members measure one property: shown by `--explain` and
    /// `matrix`, and required, since a group changes the verdict.
    pub why: String,
    pub members: Vec<String>,
    /// How much each member beyond the heaviest adds, as a fraction of its
    /// weight: 0 (the default) makes the group weigh what its heaviest
    /// member weighs; 1 would count every member in full, as if there were
    /// no group.
    #[serde(default, deserialize_with = "number")]
    pub rest_counts: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleEntry {
    #[serde(deserialize_with = "number")]
    pub min: f64,
    #[serde(deserialize_with = "number")]
    pub max: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlternativeEntry {
    pub id: String,
    pub name: String,
    /// What the alternative's scores cover, e.g. related runtimes.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionEntry {
    pub id: String,
    pub name: String,
    // Boxed strings: a large file's parsed criteria are written whole and
    // read back to build the model, so every byte of an entry counts.
    #[serde(default)]
    pub description: Box<str>,
    #[serde(deserialize_with = "number")]
    pub weight: f64,
    #[serde(default)]
    pub source: Option<Box<str>>,
    /// Whether a higher score is better (`benefit`, the default) or worse.
    #[serde(default)]
    pub kind: Kind,
    pub ratings: Ratings,
}

/// Which direction of a criterion's score is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Higher scores are better.
    #[default]
    Benefit,
    /// Lower scores are better (a cost, a risk, a price).
    Cost,
}

/// A criterion's ratings: alternative id to score, in file order, and the
/// rationales that were written.
///
/// Scores and rationales are kept apart because a large file's ratings are
/// nearly all bare scores: 8 bytes a rating instead of 24 with an empty
/// rationale beside each. At 10,000 criteria by 50 alternatives that is 8
/// MB less document to write and read back while the model is built.
#[derive(Debug, Default)]
pub struct Ratings {
    pub scores: OrderedMap<f64>,
    /// `(position in scores, rationale)`, in order, only where one is given.
    pub rationales: Box<[(u32, Box<str>)]>,
    /// `(position in scores, evidence)`, in order, only where a rating names
    /// its own source section or carries a current revision: a handful in
    /// the embedded criteria, none in a generated file.
    pub evidence: Box<[(u32, RatingEvidence)]>,
}

/// A rating's own source section and current revision, where it has them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingEvidence {
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub current: Option<CurrentEntry>,
    /// The scores the rating may plausibly take, `[low, high]`.
    #[serde(default)]
    pub range: Option<Vec<f64>>,
}

/// Where current facts differ from the source: the score they support,
/// since when, and what changed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrentEntry {
    #[serde(deserialize_with = "number")]
    pub score: f64,
    /// When the change became true: a year, or a year and month.
    pub since: String,
    pub note: String,
}

impl<'de> Deserialize<'de> for Ratings {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RatingsVisitor)
    }
}

struct RatingsVisitor;

impl<'de> Visitor<'de> for RatingsVisitor {
    type Value = Ratings;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Ratings, A::Error> {
        let mut rationales = Vec::new();
        let mut evidence = Vec::new();
        let scores = read_map(map, |map, scores: &mut Vec<f64>| {
            let rating = map.next_value_seed(RatingVisitor)?;
            // `scores.len()` is at most the map's length, which fits in a
            // u32 as the keys' offsets do.
            let position = scores.len() as u32;
            if !rating.rationale.is_empty() {
                rationales.push((position, rating.rationale.into_boxed_str()));
            }
            if rating.source.is_some() || rating.current.is_some() || rating.range.is_some() {
                evidence.push((
                    position,
                    RatingEvidence {
                        source: rating.source,
                        current: rating.current,
                        range: rating.range,
                    },
                ));
            }
            scores.push(rating.score);
            Ok(())
        })?;
        Ok(Ratings {
            scores,
            rationales: rationales.into_boxed_slice(),
            evidence: evidence.into_boxed_slice(),
        })
    }
}

/// One alternative's rating on a criterion, as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rating {
    #[serde(deserialize_with = "number")]
    score: f64,
    #[serde(default)]
    rationale: String,
    /// The source section this rating rests on, where it differs from its
    /// criterion's.
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    current: Option<CurrentEntry>,
    /// The scores the rating may plausibly take, for the uncertainty
    /// analysis: `[low, high]`, holding `score` and any current score.
    #[serde(default)]
    range: Option<Vec<f64>>,
}

/// Reads a rating in either form: `{score: 8, rationale: ...}`, or just the
/// score, `8`, where there is nothing to explain (generated or company-wide
/// files with thousands of criteria).
struct RatingVisitor;

impl<'de> DeserializeSeed<'de> for RatingVisitor {
    type Value = Rating;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Rating, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RatingVisitor {
    type Value = Rating;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a score, or a mapping with `score` and `rationale`")
    }

    fn visit_f64<E: de::Error>(self, score: f64) -> Result<Rating, E> {
        Ok(Rating {
            score: full_precision(score)?,
            rationale: String::new(),
            source: None,
            current: None,
            range: None,
        })
    }

    fn visit_i64<E: de::Error>(self, score: i64) -> Result<Rating, E> {
        self.visit_f64(score as f64)
    }

    fn visit_u64<E: de::Error>(self, score: u64) -> Result<Rating, E> {
        self.visit_f64(score as f64)
    }

    fn visit_i128<E: de::Error>(self, score: i128) -> Result<Rating, E> {
        self.visit_f64(score as f64)
    }

    fn visit_u128<E: de::Error>(self, score: u128) -> Result<Rating, E> {
        self.visit_f64(score as f64)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Rating, E> {
        Err(not_a_number(text, &self))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Rating, A::Error> {
        Rating::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionEntry {
    pub id: String,
    pub prompt: String,
    #[serde(default)]
    pub help: String,
    /// Asked only when every earlier question named here was answered with
    /// one of the options listed for it.
    #[serde(default)]
    pub when: OrderedMap<OneOrMany>,
    /// The answer states a fact about the project, not a preference (see
    /// `crate::team`): a team settles it rather than averaging it.
    #[serde(default)]
    pub fact: bool,
    pub default: String,
    pub options: Vec<ChoiceEntry>,
}

/// One id or a list of them: `when: {ai: own}` or `when: {ai: [own, hosted]}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

struct OneOrManyVisitor;

impl<'de> Visitor<'de> for OneOrManyVisitor {
    type Value = OneOrMany;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an option id or a list of option ids")
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<OneOrMany, E> {
        Ok(OneOrMany(vec![id.to_owned()]))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
        let mut ids = Vec::new();
        while let Some(id) = seq.next_element::<String>()? {
            ids.push(id);
        }
        Ok(OneOrMany(ids))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceEntry {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub add: OrderedMap<Number>,
    #[serde(default)]
    pub multiply: OrderedMap<Number>,
    #[serde(default)]
    pub set_scores: OrderedMap<OrderedMap<Number>>,
    /// Alternatives this answer rules out, each with the reason.
    #[serde(default)]
    pub rule_out: OrderedMap<String>,
    /// Why this option changes nothing on purpose. An option without it
    /// must change something.
    #[serde(default)]
    pub neutral: Option<String>,
}

/// An answers file: question id to option id.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersDocument {
    #[serde(default)]
    pub answers: OrderedMap<String>,
    /// Base weights set explicitly (by `pick-stack weigh`), replacing the
    /// criteria file's base weights for the criteria named.
    #[serde(default)]
    pub weights: Option<ExplicitWeightsEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplicitWeightsEntry {
    /// Where the weights came from, shown by `--explain`.
    #[serde(default)]
    pub from: String,
    /// Criterion id to base weight.
    pub values: OrderedMap<Number>,
}

/// A number in a criteria or answers file. Every numeric field reads
/// through [`number`], so a value means the same wherever it is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        number(deserializer).map(Number)
    }
}

/// Reads a number the one way every numeric field does: whatever YAML 1.2
/// or JSON writes as a number (`8`, `-2.5`, `1e3`, and YAML's `+1`, `0x10`,
/// `0o17`, `0b101`), where a field that asked serde_yaml for an `f64`
/// refused the integer forms a rating's score took. Text is refused, `010`
/// with why (YAML reads a leading zero as text), and so is a number closer
/// to 0 than f64 keeps full precision for.
pub(crate) fn number<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    deserializer.deserialize_any(NumberVisitor)
}

struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
        full_precision(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<f64, E> {
        Err(not_a_number(text, &self))
    }
}

/// The error for text where a number belongs, saying why for digits with a
/// leading zero, which look like a number and are text in YAML 1.2.
fn not_a_number<E: de::Error>(text: &str, expected: &dyn de::Expected) -> E {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    // YAML reads a number past f64's range (1e309) as text; it is a number
    // all the same, just one too large.
    if digits
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && text.parse::<f64>().is_ok_and(f64::is_infinite)
    {
        return E::custom(format_args!(
            "{} is past the largest number 64-bit floating point holds (about 1.8e308); write a smaller number (weights and scores are relative, so all of them can be scaled down together)",
            crate::problem::bounded(text.to_owned())
        ));
    }
    if digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()) {
        E::custom(format_args!(
            "`{text}` is text, not a number: YAML reads digits with a leading zero as text; drop the zero"
        ))
    } else {
        E::invalid_type(de::Unexpected::Str(text), expected)
    }
}

/// `value`, unless it is closer to 0 than the smallest f64 with full
/// precision (2.2e-308): below that a number keeps fewer digits than it
/// was written with, and sums of such numbers round to nothing.
fn full_precision<E: de::Error>(value: f64) -> Result<f64, E> {
    if value != 0.0 && value.abs() < f64::MIN_POSITIVE {
        Err(E::custom(format_args!(
            "{} is closer to 0 than 64-bit floating point holds with full precision (2.2e-308); write 0 or a larger number",
            crate::magnitude::text(value)
        )))
    } else {
        Ok(value)
    }
}

/// A file of pairwise comparisons for `pick-stack weigh`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonsDocument {
    /// `[a, b, n]`: criterion `a` is `n` times as important as `b`, on
    /// Saaty's 1-to-9 scale (`1/3` or `0.333` for the reverse).
    #[serde(default)]
    pub comparisons: Vec<(String, String, Intensity)>,
}

/// A judgement on Saaty's scale, written as a number or a fraction `"1/5"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Intensity(pub f64);

impl<'de> Deserialize<'de> for Intensity {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IntensityVisitor)
    }
}

struct IntensityVisitor;

impl Visitor<'_> for IntensityVisitor {
    type Value = Intensity;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number from 1/9 to 9, such as 3 or 1/3")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Intensity, E> {
        self.visit_f64(value as f64)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Intensity, E> {
        self.visit_f64(value as f64)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Intensity, E> {
        // Checked inside the visitor so the error carries the value's position.
        if value.is_finite() && (1.0 / 9.0 - 1e-9..=9.0 + 1e-9).contains(&value) {
            Ok(Intensity(value))
        } else {
            Err(E::custom(format_args!(
                "{} is outside Saaty's scale: use 1 to 9, or 1/9 to 1 for the reverse",
                crate::magnitude::text(value)
            )))
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Intensity, E> {
        let parsed = match text.split_once('/') {
            Some((numerator, denominator)) => numerator
                .trim()
                .parse::<f64>()
                .ok()
                .zip(denominator.trim().parse::<f64>().ok())
                .filter(|(_, denominator)| *denominator != 0.0)
                .map(|(numerator, denominator)| numerator / denominator),
            None => text.trim().parse::<f64>().ok(),
        };
        match parsed {
            Some(value) => self.visit_f64(value),
            None => Err(E::custom(format_args!(
                "`{text}` is not a number or a fraction like 1/3"
            ))),
        }
    }
}

/// A YAML mapping with string keys, kept in file order, that rejects a key
/// written twice (plain YAML parsing would silently keep the last one, and a
/// user would never learn which of two answers counted).
///
/// The keys are packed into one string. A criteria file of 10,000 criteria
/// by 50 alternatives has half a million rating keys, and an allocation for
/// each would take more memory than the ratings themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<V> {
    keys: Box<str>,
    /// Where each key ends in `keys`.
    ends: Box<[u32]>,
    values: Box<[V]>,
}

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        Self {
            keys: Box::default(),
            ends: Box::default(),
            values: Box::default(),
        }
    }
}

impl<V> OrderedMap<V> {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .zip(&self.values)
            .map(|((start, end), value)| (&self.keys[start as usize..*end as usize], value))
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OrderedMapVisitor(PhantomData))
    }
}

struct OrderedMapVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedMapVisitor<V> {
    type Value = OrderedMap<V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        read_map(map, |map, values: &mut Vec<V>| {
            values.push(map.next_value()?);
            Ok(())
        })
    }
}

/// Reads a mapping's keys into an [`OrderedMap`], refusing a repeated key,
/// and has `read_value` read each value and push what it keeps.
fn read_map<'de, A: MapAccess<'de>, V>(
    mut map: A,
    mut read_value: impl FnMut(&mut A, &mut Vec<V>) -> Result<(), A::Error>,
) -> Result<OrderedMap<V>, A::Error> {
    let last = LAST_MAP_SIZE.get();
    let expected = MapSize {
        len: map.size_hint().unwrap_or(last.len),
        ..last
    };
    let mut keys = String::with_capacity(expected.key_bytes);
    let mut ends = Vec::with_capacity(expected.len);
    let mut values = Vec::with_capacity(expected.len);
    let mut hashes = HashSet::new();
    let hasher = RandomState::new();
    while map
        .next_key_seed(UniqueKey {
            keys: &mut keys,
            ends: &mut ends,
            hashes: &mut hashes,
            hasher: &hasher,
        })?
        .is_some()
    {
        read_value(&mut map, &mut values)?;
    }
    LAST_MAP_SIZE.set(MapSize {
        len: ends.len(),
        key_bytes: keys.len(),
    });
    // Growth by doubling leaves up to half of each buffer unused, which
    // over thousands of criteria adds up; a map the size of the one
    // before has nothing to give back. Boxed, the three take 48 bytes of
    // their criterion's entry instead of 72.
    Ok(OrderedMap {
        keys: keys.into_boxed_str(),
        ends: ends.into_boxed_slice(),
        values: values.into_boxed_slice(),
    })
}

/// How many keys a map had, and their bytes.
#[derive(Clone, Copy, Default)]
struct MapSize {
    len: usize,
    key_bytes: usize,
}

thread_local! {
    /// The size of the last map read on this thread, as the size to expect
    /// of the next one: the ratings of a criteria file have one key per
    /// alternative, so a map is usually the size of the one before. Buffers
    /// of that size from the start save growing them a few times over for
    /// each criterion (neither JSON nor YAML says a map's size before it is
    /// read). Only the buffers' capacity depends on it.
    static LAST_MAP_SIZE: Cell<MapSize> = Cell::new(MapSize::default());
}

/// Up to this many keys, a repeat is found by comparing with each earlier
/// key, which for the short maps of pick-stack's files (a choice's weight
/// changes, an answers file) is cheaper than hashing every key.
const KEYS_COMPARED_DIRECTLY: usize = 8;

/// Deserialises a key, appends it to the packed keys, and fails *at the key*
/// when it was seen before, so the error points at the second occurrence.
/// The check runs inside the visitor: only errors raised there get the key's
/// position from the deserializer.
struct UniqueKey<'s> {
    keys: &'s mut String,
    ends: &'s mut Vec<u32>,
    /// The keys' hashes, once there are more than [`KEYS_COMPARED_DIRECTLY`]:
    /// no allocation per key, and a match is confirmed by comparing keys.
    hashes: &'s mut HashSet<u64>,
    hasher: &'s RandomState,
}

impl UniqueKey<'_> {
    fn earlier_keys(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter())
            .map(|(start, &end)| &self.keys[start as usize..end as usize])
    }

    fn is_repeated(&mut self, key: &str) -> bool {
        if self.ends.len() >= KEYS_COMPARED_DIRECTLY {
            if self.hashes.is_empty() {
                // `ends` was sized for the keys the map is expected to have.
                self.hashes.reserve(self.ends.capacity());
                let hashes: Vec<u64> = self
                    .earlier_keys()
                    .map(|earlier| self.hasher.hash_one(earlier))
                    .collect();
                self.hashes.extend(hashes);
            }
            if self.hashes.insert(self.hasher.hash_one(key)) {
                return false;
            }
        }
        self.earlier_keys().any(|earlier| earlier == key)
    }
}

impl<'de> DeserializeSeed<'de> for UniqueKey<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for UniqueKey<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(mut self, key: &str) -> Result<(), E> {
        if self.is_repeated(key) {
            return Err(E::custom(format_args!("duplicate key `{key}`")));
        }
        self.keys.push_str(key);
        // Input files are at most 16 MiB, so an offset always fits.
        let end = u32::try_from(self.keys.len())
            .map_err(|_| E::custom("the keys of one mapping exceed 4 GiB"))?;
        self.ends.push(end);
        Ok(())
    }
}
