//! The fast way to read a YAML document: serde straight from
//! saphyr-parser's event stream, holding nothing but the value being built.
//!
//! `serde_yaml` (yaml_serde) first loads a document's whole event list, with
//! a position and an owned copy of every scalar, and only then deserialises
//! it. For a 7.7 MB criteria file of 10,000 criteria that is 1.1 million
//! events: about 30 times the file in memory, and most of the parse time.
//! This module reads the same events one at a time instead.
//!
//! It is a fast path, never the only path. It answers `None` at the first
//! thing it is not certain to read exactly as `serde_yaml` would (an alias,
//! an anchor, a tag, a number in hex, a second document, a syntax error, any
//! value the target type rejects), and the caller then parses the text with
//! `serde_yaml`, which either gives the same value or reports the problem
//! with its line, column and field. So every error message still comes from
//! one place, and this module needs no positions at all. What it does return
//! must equal what `serde_yaml` returns for the same text; the scalar rules
//! below mirror yaml_serde 0.10's (YAML 1.2 core schema), and
//! `tests/yaml_stream.rs` and the `yaml_stream` fuzz target compare the two.

use std::borrow::Cow;
use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, StrInput};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use crate::source::MAX_NESTING;

/// Reads `text` as one YAML document of type `T`, or `None` where the full
/// parser must decide (see the module documentation).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    if has_text_libyaml_reads_differently(text) {
        return None;
    }
    let mut stream = Stream {
        text,
        events: Parser::new_from_str(text),
        peeked: None,
        depth: 0,
        ends_with_line_break: text.ends_with(['\n', '\r']),
        cursor: Cursor::default(),
        last_start: 0,
        open: Vec::new(),
    };
    stream.document().ok()
}

/// Whether `text` holds something that YAML 1.2 (saphyr) and libyaml
/// (YAML 1.1, under serde_yaml) read differently: a tab, which saphyr takes
/// as space in places libyaml refuses it; a character YAML 1.1 does not
/// allow (C0 and C1 controls, DEL, U+FFFE, U+FFFF); the line breaks of
/// YAML 1.1 only (U+0085, U+2028, U+2029); a byte-order mark; a carriage return without a line
/// feed (the checks below look for line starts after `\n`); a directive (`%YAML 1.1`); and
/// document markers other than one `---` on the first line (libyaml and
/// saphyr disagree on a stray `...`).
fn has_text_libyaml_reads_differently(text: &str) -> bool {
    if text.starts_with(['%', '.'])
        || text.contains("\n%")
        || text.contains("\n---")
        || text.contains("\n...")
    {
        return true;
    }
    let ascii_outside = |byte: u8| (byte < 0x20 && byte != b'\n' && byte != b'\r') || byte == 0x7f;
    let lone_carriage_return = text
        .bytes()
        .zip(text.bytes().skip(1).chain([b'\n']))
        .any(|(byte, next)| byte == b'\r' && next != b'\n');
    if lone_carriage_return {
        return true;
    }
    if text.bytes().all(|byte| byte < 0x80 && !ascii_outside(byte)) {
        return false;
    }
    text.chars().any(|char| match char {
        '\u{0}'..='\u{7f}' => ascii_outside(char as u8),
        '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}' => true,
        // A byte-order mark after the start (`SourceFile` drops a leading
        // one): libyaml skips it but counts it as a column.
        '\u{feff}' => true,
        _ => false,
    })
}

/// "Let the full parser decide." Carries nothing: the full parser says why.
#[derive(Debug)]
struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to the full YAML parser")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Bail
    }
}

type Result<T> = std::result::Result<T, Bail>;

struct Stream<'a> {
    text: &'a str,
    events: Parser<'a, StrInput<'a>>,
    peeked: Option<Event<'a>>,
    depth: usize,
    ends_with_line_break: bool,
    cursor: Cursor,
    /// Where the event last read from the parser starts, as a character
    /// index.
    last_start: usize,
    /// The collections open around the current event: whether each is a
    /// flow collection (`[…]`, `{…}`), and the line it opened on.
    open: Vec<(bool, usize)>,
}

/// A position in the text as both a character index (saphyr's) and a byte
/// offset. Events arrive in text order, so it only moves forward.
#[derive(Default)]
struct Cursor {
    chars: usize,
    bytes: usize,
}

/// The start of one node, after the checks every node gets.
enum Node<'a> {
    Scalar(Cow<'a, str>, ScalarStyle),
    Sequence,
    Mapping,
}

impl<'a> Stream<'a> {
    fn next_event(&mut self) -> Result<Event<'a>> {
        if let Some(event) = self.peeked.take() {
            return Ok(event);
        }
        match self.events.next() {
            Some(Ok((event, span))) => {
                self.vet_flow(&event, span)?;
                self.last_start = span.start.index();
                Ok(event)
            }
            _ => Err(Bail),
        }
    }

    /// Flow collections are where YAML 1.2 and libyaml part most: saphyr
    /// takes `{a:}`, `[a:, b]`, `[|a]` and implicit keys broken over lines,
    /// which libyaml refuses. A flow collection must open and close on one
    /// line here, and its plain scalars must be neither empty nor hold a
    /// `:` nor start with an indicator.
    fn vet_flow(&mut self, event: &Event<'a>, span: Span) -> Result<()> {
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let flow = self.open.last().is_some_and(|&(flow, _)| flow)
                    || matches!(self.byte_at(span.start.index())?, b'[' | b'{');
                self.open.push((flow, span.start.line()));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((true, line)) = self.open.pop()
                    && span.start.line() != line
                {
                    return Err(Bail);
                }
            }
            Event::Scalar(value, ScalarStyle::Plain, ..)
                if self.open.last().is_some_and(|&(flow, _)| flow) =>
            {
                let indicator = value.starts_with(['|', '>', '!', '&', '*', '%', '@', '`', '#']);
                if value.is_empty() || value.contains(':') || indicator {
                    return Err(Bail);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The byte at saphyr's character index `index`.
    fn byte_at(&mut self, index: usize) -> Result<u8> {
        let offset = self.byte_offset(index)?;
        self.text.as_bytes().get(offset).copied().ok_or(Bail)
    }

    /// The byte offset of saphyr's character index `index`, which must not
    /// lie before the last one asked for.
    fn byte_offset(&mut self, index: usize) -> Result<usize> {
        if index < self.cursor.chars {
            return Err(Bail);
        }
        let mut rest = self.text[self.cursor.bytes..].char_indices();
        let offset = rest
            .nth(index - self.cursor.chars)
            .map_or(self.text.len() - self.cursor.bytes, |(offset, _)| offset);
        self.cursor = Cursor {
            chars: index,
            bytes: self.cursor.bytes + offset,
        };
        Ok(self.cursor.bytes)
    }

    fn peek_event(&mut self) -> Result<&Event<'a>> {
        if self.peeked.is_none() {
            self.peeked = Some(self.next_event()?);
        }
        self.peeked.as_ref().ok_or(Bail)
    }

    fn document<T: DeserializeOwned>(&mut self) -> Result<T> {
        if !matches!(self.next_event()?, Event::StreamStart)
            || !matches!(self.next_event()?, Event::DocumentStart(_))
        {
            return Err(Bail);
        }
        // A document that is one scalar is never a pick-stack document, and
        // libyaml reads a block scalar there as more than one document.
        if matches!(self.peek_event()?, Event::Scalar(..)) {
            return Err(Bail);
        }
        let value = T::deserialize(&mut *self)?;
        // The rest of the text must be one document's end and nothing else:
        // serde_yaml refuses a second document and any later syntax error.
        if !matches!(self.next_event()?, Event::DocumentEnd)
            || !matches!(self.next_event()?, Event::StreamEnd)
        {
            return Err(Bail);
        }
        Ok(value)
    }

    /// The next node's first event. Anchors, aliases and tags are the full
    /// parser's (and its screen's) business, as is nesting past the limit.
    fn node(&mut self) -> Result<Node<'a>> {
        match self.next_event()? {
            // A block scalar that runs to the end of a text with no final
            // line break: saphyr ends it with one, libyaml does not.
            Event::Scalar(_, ScalarStyle::Literal | ScalarStyle::Folded, _, _)
                if !self.ends_with_line_break =>
            {
                Err(Bail)
            }
            // YAML 1.2 lets a plain scalar start with `:` or `?` before a
            // non-space in places where libyaml refuses it (`[a, :b]`).
            Event::Scalar(value, ScalarStyle::Plain, ..) if value.starts_with([':', '?']) => {
                Err(Bail)
            }
            Event::Scalar(value, style, 0, None) => Ok(Node::Scalar(value, style)),
            Event::SequenceStart(0, None) => self.enter(Node::Sequence),
            Event::MappingStart(0, None) => self.enter(Node::Mapping),
            _ => Err(Bail),
        }
    }

    fn enter(&mut self, node: Node<'a>) -> Result<Node<'a>> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(Bail);
        }
        Ok(node)
    }

    /// A plain scalar that is not empty and not null, the only scalars read
    /// as typed values.
    fn plain(&mut self) -> Result<Cow<'a, str>> {
        match self.node()? {
            Node::Scalar(value, ScalarStyle::Plain) if !is_null(&value) => Ok(value),
            _ => Err(Bail),
        }
    }

    /// Hands the visitor a sequence's elements or a mapping's entries. An
    /// empty plain scalar where a collection is wanted reads as an empty
    /// one (`open: false`), as in serde_yaml.
    fn visit_collection<V: Visitor<'a>>(
        &mut self,
        visitor: V,
        mapping: bool,
        open: bool,
    ) -> Result<V::Value> {
        let mut collection = Collection {
            stream: self,
            open,
            key_start: 0,
        };
        let value = if mapping {
            visitor.visit_map(&mut collection)?
        } else {
            visitor.visit_seq(&mut collection)?
        };
        // serde_yaml refuses entries the visitor leaves unread.
        if collection.open {
            return Err(Bail);
        }
        Ok(value)
    }
}

/// `~`, `null`, `Null`, `NULL` or nothing, in a plain scalar.
fn is_null(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// A plain scalar read as a number, or neither kind.
enum Number {
    Unsigned(u64),
    Negative(i64),
    Float(f64),
    Text,
}

/// YAML 1.2 core schema numbers, as yaml_serde reads them, with the rare
/// forms (`+1`, `0x1F`, `0o17`, `0b101`, integers past 64 bits) left to it.
fn parse_number(value: &str) -> Result<Number> {
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    if value.starts_with('+')
        || unsigned.starts_with("0x")
        || unsigned.starts_with("0o")
        || unsigned.starts_with("0b")
    {
        return Err(Bail);
    }
    if !unsigned.is_empty() && unsigned.bytes().all(|byte| byte.is_ascii_digit()) {
        // Leading zeros make a string in YAML 1.2 ("007" is an id, not 7).
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return Ok(Number::Text);
        }
        return if value.starts_with('-') {
            value.parse().map(Number::Negative).map_err(|_| Bail)
        } else {
            value.parse().map(Number::Unsigned).map_err(|_| Bail)
        };
    }
    Ok(parse_float(value).map_or(Number::Text, Number::Float))
}

fn parse_float(value: &str) -> Option<f64> {
    match value {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    // Rust also reads `inf` and `NaN`, which YAML 1.2 leaves as strings.
    value.parse::<f64>().ok().filter(|float| float.is_finite())
}

/// Hands over a copy, not the parser's own `String`: the scanner's strings
/// keep the capacity of its buffers, which for a large file doubled the
/// memory the loaded values hold.
fn visit_text<'a, V: Visitor<'a>>(visitor: V, value: Cow<'a, str>) -> Result<V::Value> {
    match value {
        Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
        Cow::Owned(text) => visitor.visit_str(&text),
    }
}

/// A plain scalar's value by the core schema: null, bool, integer, float or
/// string, in that order.
fn visit_plain<'a, V: Visitor<'a>>(visitor: V, value: Cow<'a, str>) -> Result<V::Value> {
    if is_null(&value) {
        return visitor.visit_unit();
    }
    if let Some(boolean) = parse_bool(&value) {
        return visitor.visit_bool(boolean);
    }
    match parse_number(&value)? {
        Number::Unsigned(int) => visitor.visit_u64(int),
        Number::Negative(int) => visitor.visit_i64(int),
        Number::Float(float) => visitor.visit_f64(float),
        Number::Text => visit_text(visitor, value),
    }
}

/// From the start of a mapping key to the start of its value, in bytes, at
/// most this far (libyaml's limit on a simple key, with room for `: `).
const LONGEST_KEY_SPAN: usize = 1000;

/// A sequence's elements or a mapping's entries; `open` until its end event
/// has been read.
struct Collection<'s, 'a> {
    stream: &'s mut Stream<'a>,
    open: bool,
    /// Where the current mapping key starts, in bytes.
    key_start: usize,
}

impl Collection<'_, '_> {
    /// Whether another key follows; reads the end event if not. A key that
    /// is an empty plain scalar (`: value`) saphyr accepts and libyaml
    /// refuses.
    fn has_next_key(&mut self) -> Result<bool> {
        if !self.has_next()? {
            return Ok(false);
        }
        match self.stream.peek_event()? {
            Event::Scalar(key, ScalarStyle::Plain, _, _) if key.is_empty() => Err(Bail),
            _ => Ok(true),
        }
    }

    /// Whether another element or key follows; reads the end event if not.
    fn has_next(&mut self) -> Result<bool> {
        if !self.open {
            return Ok(false);
        }
        if matches!(
            self.stream.peek_event()?,
            Event::SequenceEnd | Event::MappingEnd
        ) {
            self.stream.next_event()?;
            self.stream.depth -= 1;
            self.open = false;
            return Ok(false);
        }
        Ok(true)
    }
}

impl<'a> de::SeqAccess<'a> for &mut Collection<'_, 'a> {
    type Error = Bail;

    fn next_element_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.has_next()? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.stream).map(Some)
    }
}

impl<'a> de::MapAccess<'a> for &mut Collection<'_, 'a> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.has_next_key()? {
            return Ok(None);
        }
        // The key event was just peeked, so it is the last one read.
        self.key_start = self.stream.byte_offset(self.stream.last_start)?;
        seed.deserialize(&mut *self.stream).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value> {
        // libyaml refuses an implicit key that runs 1,024 bytes or more
        // before its `:`; saphyr has no such limit (and counts characters).
        self.stream.peek_event()?;
        let value_start = self.stream.byte_offset(self.stream.last_start)?;
        if value_start - self.key_start >= LONGEST_KEY_SPAN {
            return Err(Bail);
        }
        seed.deserialize(&mut *self.stream)
    }
}

/// Integers of every width: a plain decimal scalar, handed to the visitor as
/// a u64 or i64, which refuses it if it does not fit.
macro_rules! deserialize_integer {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
            match parse_number(&self.plain()?)? {
                Number::Unsigned(int) => visitor.visit_u64(int),
                Number::Negative(int) => visitor.visit_i64(int),
                Number::Float(_) | Number::Text => Err(Bail),
            }
        }
    )*};
}

impl<'a> de::Deserializer<'a> for &mut Stream<'a> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.node()? {
            Node::Scalar(value, ScalarStyle::Plain) => visit_plain(visitor, value),
            Node::Scalar(value, _) => visit_text(visitor, value),
            Node::Sequence => self.visit_collection(visitor, false, true),
            Node::Mapping => self.visit_collection(visitor, true, true),
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match parse_bool(&self.plain()?) {
            Some(boolean) => visitor.visit_bool(boolean),
            None => Err(Bail),
        }
    }

    deserialize_integer! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    fn deserialize_f32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        let value = self.plain()?;
        if value.starts_with('+') {
            return Err(Bail);
        }
        match parse_float(&value) {
            Some(float) => visitor.visit_f64(float),
            None => Err(Bail),
        }
    }

    fn deserialize_char<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    /// Any scalar reads as its text, whatever it looks like (`8` is "8").
    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.node()? {
            Node::Scalar(value, _) => visit_text(visitor, value),
            _ => Err(Bail),
        }
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, _visitor: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, _visitor: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_event()? {
            Event::Scalar(value, ScalarStyle::Plain, 0, None) if is_null(value) => {
                self.next_event()?;
                visitor.visit_none()
            }
            Event::Scalar(_, _, 0, None)
            | Event::SequenceStart(0, None)
            | Event::MappingStart(0, None) => visitor.visit_some(self),
            _ => Err(Bail),
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.node()? {
            Node::Scalar(value, ScalarStyle::Plain) if is_null(&value) => visitor.visit_unit(),
            _ => Err(Bail),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.node()? {
            Node::Sequence => self.visit_collection(visitor, false, true),
            Node::Scalar(value, ScalarStyle::Plain) if value.is_empty() => {
                self.visit_collection(visitor, false, false)
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.node()? {
            Node::Mapping => self.visit_collection(visitor, true, true),
            Node::Scalar(value, ScalarStyle::Plain) if value.is_empty() => {
                self.visit_collection(visitor, true, false)
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    /// Only unit variants, written as a scalar (`kind: cost`); a variant
    /// with content is written with a tag, which is the full parser's.
    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.node()? {
            Node::Scalar(value, _) if !value.is_empty() => {
                visitor.visit_enum(value.into_owned().into_deserializer())
            }
            _ => Err(Bail),
        }
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    /// pick-stack's documents refuse unknown fields rather than ignore
    /// them, and ignored content would escape the checks above (a long key
    /// inside it, say), so it is left to the full parser.
    fn deserialize_ignored_any<V: Visitor<'a>>(self, _visitor: V) -> Result<V::Value> {
        Err(Bail)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        name: String,
        weight: f64,
        #[serde(default)]
        note: Option<String>,
        tags: Vec<String>,
    }

    #[test]
    fn reads_what_serde_yaml_reads() {
        let text = "name: 007\nweight: 2.5\nnote: ~\ntags: [a, 'b c', \"d\\ne\", 8]\n";
        let fast: Sample = from_str(text).expect("a plain document takes the fast path");
        let full: Sample = serde_yaml::from_str(text).unwrap();
        assert_eq!(fast, full);
        assert_eq!(fast.name, "007");
        assert_eq!(fast.tags, ["a", "b c", "d\ne", "8"]);
    }

    #[test]
    fn leaves_the_unusual_to_the_full_parser() {
        for text in [
            "name: &n x\nweight: 1\ntags: []\n",
            "name: x\nweight: !!float 1\ntags: []\n",
            "name: x\nweight: +1\ntags: []\n",
            "name: x\nweight: 1\ntags: []\n---\nname: y\n",
            "name: x\nweight: 1\ntags: [\n",
            "name: x\nweight: 1\ntags: []\nextra: 1\n",
            "name: x\nweight: inf\ntags: []\n",
            "\tname: x\nweight: 1\ntags: []\n",
        ] {
            assert!(from_str::<Sample>(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn scalars_follow_the_core_schema() {
        let text = "[1, -2, -0, 2.5, 007, 1e3, .5, true, False, ~, null, '', x, 'y', \"8\"]";
        let fast: serde_json::Value = from_str(text).unwrap();
        let full: serde_json::Value = serde_yaml::from_str(text).unwrap();
        assert_eq!(fast, full);
        assert_eq!(
            fast.to_string(),
            r#"[1,-2,0,2.5,"007",1000.0,0.5,true,false,null,null,"","x","y","8"]"#
        );
    }
}
