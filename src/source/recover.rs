//! The problems after the first, on the error path only.
//!
//! serde stops at the first problem in a document. To report the rest in
//! the same run, the document is read again as a tree of YAML values
//! (which only fails on broken YAML) and each entry is checked on its own:
//! each item of a list section, each answer of a map section such as
//! `answers`, each other section whole. An entry with a problem is
//! repaired: an unknown field taken out, a value of the wrong kind or a
//! missing field replaced by a stand-in of the right kind. Problems inside
//! a stand-in are its own doing and are not reported, and the checks after
//! parsing skip the fields repaired (see [`Recovered::repaired`]). The
//! repaired document then goes on to those checks, so that one run names
//! every problem. A valid file never comes here; see [`super::SourceFile::parse`].

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::{FieldPath, Segment, SourceFile, plain};
use crate::problem::{Location, PROBLEMS_LISTED, Problem};

/// A document with its entries repaired, and what was wrong with them.
pub struct Recovered<T> {
    pub document: T,
    /// Every problem found, in the order of the file, located.
    pub problems: Vec<Problem>,
    /// The fields that were repaired: what the checks after parsing find
    /// there is a stand-in's doing.
    pub repaired: Vec<FieldPath>,
}

/// How many repairs one entry may take before it is given up.
const REPAIRS_PER_ENTRY: usize = 32;

/// Stand-ins for a value of the wrong kind, tried in turn: whichever the
/// field takes. 1 before 0: a weight of 0 could make every weight 0, and
/// 1 is on Saaty's scale too.
fn stand_ins() -> [Value; 5] {
    [
        Value::Number(1.into()),
        Value::Number(0.into()),
        Value::String(String::new()),
        Value::Sequence(Vec::new()),
        Value::Mapping(Mapping::new()),
    ]
}

/// Every problem of `source` as a document of type `T`, and the document
/// repaired; `None` when the text is no YAML mapping to recover from (a
/// syntax error, a scalar document), or an entry cannot be repaired.
/// `split_maps` names the top-level mappings whose entries stand alone
/// (`answers`), as opposed to records whose fields go together (`scale`).
pub fn recover<T: DeserializeOwned>(
    source: &SourceFile,
    split_maps: &[&str],
) -> Option<Recovered<T>> {
    let repeats = std::cell::RefCell::new(Vec::new());
    let seed = FirstKeys {
        path: FieldPath::root(),
        repeats: &repeats,
    };
    let mut deserializer = serde_yaml::Deserializer::from_str(&source.text);
    let Value::Mapping(root) =
        serde::de::DeserializeSeed::deserialize(seed, deserializer.next()?).ok()?
    else {
        return None;
    };
    let mut found: Vec<(FieldPath, FieldPath, String)> = Vec::new();
    // A repeated key: the first is kept, the repeat reported where it is.
    for (mapping, key) in repeats.into_inner() {
        let repeat = mapping.with(Segment::RepeatedKey(key.clone()));
        found.push((
            mapping.clone(),
            repeat,
            format!("duplicate key `{}`", crate::problem::shown(&key)),
        ));
    }
    let mut repaired = Vec::new();
    let mut rebuilt = Mapping::new();
    for (key, value) in root {
        let Value::String(name) = &key else {
            return None;
        };
        match value {
            Value::Sequence(items) => {
                let mut kept = Vec::with_capacity(items.len());
                for (index, item) in items.into_iter().enumerate() {
                    let unit = single(name, Value::Sequence(vec![item]));
                    let at = |path: FieldPath| renumbered(path, index);
                    // An item past repair ends the recovery: leaving it
                    // out would shift the positions of those after it.
                    let unit = check::<T>(unit, &mut found, &mut repaired, at)?;
                    if let Some(Value::Sequence(mut items)) = unit {
                        kept.push(items.pop()?);
                    }
                }
                rebuilt.insert(key, Value::Sequence(kept));
            }
            Value::Mapping(entries) if split_maps.contains(&name.as_str()) => {
                let mut kept = Mapping::new();
                for (entry_key, entry) in entries {
                    let mut one = Mapping::new();
                    one.insert(entry_key, entry);
                    let unit = single(name, Value::Mapping(one));
                    // An answer past repair is left out; the others keep
                    // their names.
                    if let Some(Some(Value::Mapping(one))) =
                        check::<T>(unit, &mut found, &mut repaired, |path| path)
                    {
                        kept.extend(one);
                    }
                }
                rebuilt.insert(key, Value::Mapping(kept));
            }
            value => {
                if let Some(value) =
                    check::<T>(single(name, value), &mut found, &mut repaired, |path| path)?
                {
                    rebuilt.insert(key, value);
                }
            }
        }
    }
    // Nothing this document type knows: another kind of document (answers
    // given as criteria), which the first problem says; the checks would
    // only add that every section is missing.
    if rebuilt.is_empty() {
        return None;
    }
    let text = serde_yaml::to_string(&Value::Mapping(rebuilt)).ok()?;
    let document = serde_yaml::from_str(&text).ok()?;
    // Located together, in one walk through the text.
    let listed = found.len().min(PROBLEMS_LISTED);
    let paths: Vec<&FieldPath> = found[..listed].iter().map(|(_, at, _)| at).collect();
    let locations = source.locate_all(&paths);
    let mut problems: Vec<Problem> = found
        .iter()
        .enumerate()
        .map(|(index, (field, _, message))| {
            let problem = Problem::in_file(&source.name, plain(message)).field(field.to_string());
            match locations.get(index).copied().flatten() {
                Some(location) => problem.at(location),
                None => problem,
            }
        })
        .collect();
    problems.sort_by_key(|problem| {
        problem
            .location
            .map_or((usize::MAX, 0), |Location { line, column }| (line, column))
    });
    Some(Recovered {
        document,
        problems,
        repaired,
    })
}

/// `{name: value}`: one entry as a document of its own.
fn single(name: &str, value: Value) -> Value {
    let mut mapping = Mapping::new();
    mapping.insert(Value::String(name.to_owned()), value);
    Value::Mapping(mapping)
}

/// A path in a one-item list section as a path in the whole list.
fn renumbered(mut path: FieldPath, index: usize) -> FieldPath {
    if let Some(Segment::Index(first)) = path.0.get_mut(1) {
        *first = index;
    }
    path
}

/// What a parse error is about.
enum Trouble {
    UnknownField(String),
    MissingField,
    Value,
}

/// Checks one entry (`unit`, a document of one section with one entry)
/// as a `T`, repairing it until it reads, and records each problem as
/// (field, path to locate, message) with paths made whole by `at`.
/// Returns the unit's section value, repaired (`None` when nothing of it
/// is left), or `None` outside when it cannot be repaired.
fn check<T: DeserializeOwned>(
    mut unit: Value,
    found: &mut Vec<(FieldPath, FieldPath, String)>,
    repaired: &mut Vec<FieldPath>,
    at: impl Fn(FieldPath) -> FieldPath,
) -> Option<Option<Value>> {
    // Paths repaired in this unit, as the unit has them.
    let mut stood_in: Vec<FieldPath> = Vec::new();
    // Mappings with an unknown field: a field then missing from one is most
    // likely the unknown one misspelt, which its message already suggests.
    let mut misspelt_in: Vec<FieldPath> = Vec::new();
    for _ in 0..REPAIRS_PER_ENTRY {
        let Some((path, message)) = error_of::<T>(&unit) else {
            let Value::Mapping(mapping) = unit else {
                return None;
            };
            return Some(mapping.into_iter().next().map(|(_, value)| value));
        };
        let (node, trouble) = trouble_of(&path, &message);
        let inside_a_stand_in = stood_in.iter().any(|done| starts_with(&node, done));
        let misspelt = matches!(trouble, Trouble::MissingField) && misspelt_in.contains(&path);
        if let Trouble::UnknownField(_) = trouble {
            misspelt_in.push(path.clone());
        }
        if !inside_a_stand_in && !misspelt {
            let located = match &trouble {
                Trouble::UnknownField(field) => path.key_name(field),
                Trouble::MissingField => path.clone(),
                Trouble::Value => node.clone(),
            };
            found.push((at(path.clone()), at(located), message));
        }
        match trouble {
            Trouble::UnknownField(field) => {
                let Value::Mapping(mapping) = node_mut(&mut unit, &path)? else {
                    return None;
                };
                mapping.shift_remove(field.as_str())?;
            }
            Trouble::MissingField | Trouble::Value => {
                stand_in::<T>(&mut unit, &node)?;
                repaired.push(at(node.clone()));
                stood_in.push(node);
            }
        }
    }
    None
}

/// Puts the first stand-in the field takes at `node` (inserting the field
/// if it is missing); failing every one, takes an optional field out.
fn stand_in<T: DeserializeOwned>(unit: &mut Value, node: &FieldPath) -> Option<()> {
    let (last, parent) = node.0.split_last()?;
    let parent = FieldPath(parent.to_vec());
    for candidate in stand_ins() {
        let mut trial = unit.clone();
        set(&mut trial, &parent, last, candidate)?;
        let moved_on = match error_of::<T>(&trial) {
            None => true,
            Some((path, message)) => trouble_of(&path, &message).0 != *node,
        };
        if moved_on {
            *unit = trial;
            return Some(());
        }
    }
    if let (Segment::Key(key), Value::Mapping(mapping)) = (last, node_mut(unit, &parent)?) {
        mapping.shift_remove(key.as_str())?;
        return Some(());
    }
    None
}

fn set(unit: &mut Value, parent: &FieldPath, last: &Segment, value: Value) -> Option<()> {
    match (node_mut(unit, parent)?, last) {
        (Value::Mapping(mapping), Segment::Key(key)) => {
            mapping.insert(Value::String(key.clone()), value);
        }
        (Value::Sequence(items), Segment::Index(index)) => *items.get_mut(*index)? = value,
        _ => return None,
    }
    Some(())
}

fn node_mut<'v>(value: &'v mut Value, path: &FieldPath) -> Option<&'v mut Value> {
    let mut node = value;
    for segment in &path.0 {
        node = match (node, segment) {
            (Value::Mapping(mapping), Segment::Key(key)) => mapping.get_mut(key.as_str())?,
            (Value::Sequence(items), Segment::Index(index)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

fn starts_with(path: &FieldPath, prefix: &FieldPath) -> bool {
    path.0.starts_with(&prefix.0)
}

/// The first problem of `unit` as a `T`: the field path serde names, and
/// its message without the position (which is the unit's, not the file's).
fn error_of<T: DeserializeOwned>(unit: &Value) -> Option<(FieldPath, String)> {
    let text = serde_yaml::to_string(unit).ok()?;
    let err = serde_yaml::from_str::<T>(&text).err()?;
    let mut message = err.to_string();
    if let Some(location) = err.location() {
        let written = format!(" at line {} column {}", location.line(), location.column());
        if let Some(start) = message.find(&written) {
            message.replace_range(start..start + written.len(), "");
        }
    }
    Some(match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => match FieldPath::parse(path) {
            Some(path) => (path, rest.to_owned()),
            None => (FieldPath::root(), message),
        },
        _ => (FieldPath::root(), message),
    })
}

/// Where the problem in `message` at `path` is, and what it is.
fn trouble_of(path: &FieldPath, message: &str) -> (FieldPath, Trouble) {
    let quoted = |prefix: &str| {
        let rest = message.strip_prefix(prefix)?;
        Some(rest[..rest.find('`')?].to_owned())
    };
    if let Some(field) = quoted("unknown field `") {
        return (path.key_name(&field), Trouble::UnknownField(field));
    }
    if let Some(field) = quoted("missing field `") {
        return (path.key(&field), Trouble::MissingField);
    }
    (path.clone(), Trouble::Value)
}

/// A YAML document as a tree of values, keeping the first of two equal
/// keys in a mapping where `Value` refuses the whole document, and noting
/// each repeat (the mapping's path and the key): the rest of the file can
/// still be checked.
struct FirstKeys<'r> {
    path: FieldPath,
    repeats: &'r std::cell::RefCell<Vec<(FieldPath, String)>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for FirstKeys<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for FirstKeys<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let seed = FirstKeys {
                path: self.path.index(items.len()),
                repeats: self.repeats,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        loop {
            let key_seed = FirstKeys {
                path: self.path.clone(),
                repeats: self.repeats,
            };
            let Some(key) = map.next_key_seed(key_seed)? else {
                break;
            };
            let name = match &key {
                Value::String(name) => name.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            };
            let value_seed = FirstKeys {
                path: self.path.key(&name),
                repeats: self.repeats,
            };
            let value = map.next_value_seed(value_seed)?;
            if mapping.contains_key(&key) {
                self.repeats.borrow_mut().push((self.path.clone(), name));
            } else {
                mapping.insert(key, value);
            }
        }
        Ok(Value::Mapping(mapping))
    }
}
