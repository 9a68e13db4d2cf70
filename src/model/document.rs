//! The YAML documents as written: criteria files and answers files.
//!
//! These types mirror the files field for field and reject unknown fields, so
//! a typo in a key is an error rather than a silently ignored setting. Ids are
//! still plain strings here; [`super::build`] resolves and checks them.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};

/// One criteria file. Every section is optional so that a folder may split
/// them across files; [`super::build`] checks that the merged whole is
/// complete.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaDocument {
    pub scale: Option<ScaleEntry>,
    pub alternatives: Option<Vec<AlternativeEntry>>,
    pub criteria: Option<Vec<CriterionEntry>>,
    pub questions: Option<Vec<QuestionEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleEntry {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlternativeEntry {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionEntry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub weight: f64,
    #[serde(default)]
    pub source: Option<String>,
    /// Whether a higher score is better (`benefit`, the default) or worse.
    #[serde(default)]
    pub kind: Kind,
    pub ratings: OrderedMap<RatingEntry>,
}

/// Which direction of a criterion's score is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Higher scores are better.
    #[default]
    Benefit,
    /// Lower scores are better (a cost, a risk, a price).
    Cost,
}

/// One alternative's rating on a criterion: `{score: 8, rationale: ...}`,
/// or just the score, `8`, where there is nothing to explain (generated or
/// company-wide files with thousands of criteria).
#[derive(Debug)]
pub struct RatingEntry {
    pub score: f64,
    pub rationale: String,
}

/// The long form of a rating.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RatingFields {
    score: f64,
    #[serde(default)]
    rationale: String,
}

impl<'de> Deserialize<'de> for RatingEntry {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RatingVisitor)
    }
}

struct RatingVisitor;

impl<'de> Visitor<'de> for RatingVisitor {
    type Value = RatingEntry;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a score, or a mapping with `score` and `rationale`")
    }

    fn visit_f64<E: de::Error>(self, score: f64) -> Result<RatingEntry, E> {
        Ok(RatingEntry {
            score,
            rationale: String::new(),
        })
    }

    fn visit_i64<E: de::Error>(self, score: i64) -> Result<RatingEntry, E> {
        self.visit_f64(score as f64)
    }

    fn visit_u64<E: de::Error>(self, score: u64) -> Result<RatingEntry, E> {
        self.visit_f64(score as f64)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RatingEntry, A::Error> {
        let fields = RatingFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(RatingEntry {
            score: fields.score,
            rationale: fields.rationale,
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionEntry {
    pub id: String,
    pub prompt: String,
    #[serde(default)]
    pub help: String,
    pub default: String,
    pub options: Vec<ChoiceEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceEntry {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub add: OrderedMap<f64>,
    #[serde(default)]
    pub multiply: OrderedMap<f64>,
    #[serde(default)]
    pub set_scores: OrderedMap<OrderedMap<f64>>,
    /// Alternatives this answer rules out, each with the reason.
    #[serde(default)]
    pub rule_out: OrderedMap<String>,
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
    pub values: OrderedMap<f64>,
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
                "{value} is outside Saaty's scale: use 1 to 9, or 1/9 to 1 for the reverse"
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
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<V> OrderedMap<V> {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(key, value)| (key.as_str(), value))
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

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = HashSet::new();
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(UniqueKey { seen: &mut seen })? {
            entries.push((key, map.next_value()?));
        }
        Ok(OrderedMap(entries))
    }
}

/// Deserialises a key and fails *at the key* when it was seen before, so the
/// error points at the second occurrence. The check runs inside the visitor:
/// only errors raised there get the key's position from the deserializer.
struct UniqueKey<'s> {
    seen: &'s mut HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for UniqueKey<'_> {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for UniqueKey<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<String, E> {
        if self.seen.insert(key.to_owned()) {
            Ok(key.to_owned())
        } else {
            Err(E::custom(format_args!("duplicate key `{key}`")))
        }
    }
}
