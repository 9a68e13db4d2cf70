//! Input files: reading them within limits, parsing them as YAML, and turning
//! a field path back into the line and column where the field was written.
//!
//! Deserialisation errors from `serde_yaml` already carry a location. Problems
//! found later, by validation on typed values (an unknown criterion id, a
//! default that is not an option), only know the *path* of the field. Rather
//! than keep spans on every value, [`SourceFile::locate_all`] re-reads the
//! text on the error path and walks it once to every path wanted, so the
//! happy path pays nothing and N problems cost the file once, not N times.

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::problem::{InputError, Location, PROBLEMS_LISTED, Problem, shown};

mod locate;
mod plain;
mod recover;

pub use plain::plain;

/// Input files larger than this are refused before parsing: nothing pick-stack
/// reads legitimately comes close, and it bounds memory for hostile input.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// The most a folder of criteria files may hold in all: the limit for one
/// file bounds nothing when a folder may hold any number of them. Twice
/// the limit for one file, so a folder can still hold one file of the
/// largest size beside others.
pub const MAX_TOTAL_INPUT_BYTES: u64 = 2 * MAX_INPUT_BYTES;

/// One input document: its display name (a path, `<stdin>`, or the name of an
/// embedded file) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    /// The file's text; the embedded criteria borrow theirs from the
    /// binary instead of copying it at every start.
    pub text: Cow<'static, str>,
}

/// Deeper nesting than this is refused: pick-stack's documents need fewer
/// than ten levels.
pub const MAX_NESTING: usize = 64;

/// Whether `text` could hold an alias, a tag, deep nesting or a second
/// document. A cheap byte scan with false alarms but no misses, so the event
/// screen only runs where it can find something.
fn might_need_screening(text: &str) -> bool {
    let mut depth = 0i64;
    for line in text.lines() {
        if line.starts_with("---") || line.starts_with("...") {
            return true;
        }
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        if indent > 2 * MAX_NESTING {
            return true;
        }
        for byte in line.bytes() {
            match byte {
                b'*' | b'!' | b'&' => return true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING as i64 {
                        return true;
                    }
                }
                b']' | b'}' => depth -= 1,
                _ => {}
            }
        }
    }
    false
}

/// Whether the text is a JSON object: it opens with `{` and its first key is
/// quoted.
fn looks_like_json(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with('{') && text[1..].trim_start().starts_with('"')
}

/// "…duplicate field `min`" → `min`.
fn duplicate_field(message: &str) -> Option<String> {
    let start = message.find("duplicate field `")? + "duplicate field `".len();
    let end = message[start..].find('`')? + start;
    Some(message[start..end].to_owned())
}

/// The field path serde writes in front of a message ("scale: …"), or the
/// root for a message about the top level.
fn field_path_of(message: &str) -> Option<FieldPath> {
    match message.split_once(": ") {
        Some((path, _)) if !path.contains(' ') => FieldPath::parse(path),
        _ => Some(FieldPath::root()),
    }
}

/// A parser's message as a problem: the field path it starts with (serde
/// writes `criteria[0].weight: …`) as the problem's field, and the rest
/// in plain words (see [`plain`]).
fn plain_problem(file: &str, message: &str) -> Problem {
    match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && FieldPath::parse(path).is_some() => {
            Problem::in_file(file, plain(rest)).field(path.to_owned())
        }
        _ => Problem::in_file(file, plain(message)),
    }
}

/// A document as [`SourceFile::parse_all`] read it.
pub struct Parsed<T> {
    /// The document, with any entry that had a problem repaired.
    pub document: T,
    /// Every problem found while parsing, in the order of the file.
    pub problems: Vec<Problem>,
    /// The fields repaired: a later check of them would only find the
    /// stand-in's problems, and says nothing.
    pub repaired: Vec<FieldPath>,
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// The value under this mapping key.
    Key(String),
    /// The mapping key itself (used when the key is what is wrong).
    KeyName(String),
    /// The element at this index of a sequence.
    Index(usize),
    /// The second occurrence of this key in a mapping (where it repeats).
    RepeatedKey(String),
}

/// A path to a field, e.g. `criteria[2].ratings.node.score`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    pub fn root() -> Self {
        Self::default()
    }

    pub fn key(&self, key: &str) -> Self {
        self.with(Segment::Key(key.to_owned()))
    }

    pub fn key_name(&self, key: &str) -> Self {
        self.with(Segment::KeyName(key.to_owned()))
    }

    pub fn index(&self, index: usize) -> Self {
        self.with(Segment::Index(index))
    }

    /// Reads a path as serde writes it: `criteria[2].ratings.node`.
    pub fn parse(text: &str) -> Option<Self> {
        let mut segments = Vec::new();
        for part in text.split('.') {
            let (key, mut rest) = match part.find('[') {
                Some(at) => (&part[..at], &part[at..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                segments.push(Segment::Key(key.to_owned()));
            }
            while let Some(stripped) = rest.strip_prefix('[') {
                let end = stripped.find(']')?;
                segments.push(Segment::Index(stripped[..end].parse().ok()?));
                rest = &stripped[end + 1..];
            }
        }
        Some(Self(segments))
    }

    fn with(&self, segment: Segment) -> Self {
        let mut segments = self.0.clone();
        segments.push(segment);
        Self(segments)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for segment in &self.0 {
            match segment {
                Segment::Key(key) | Segment::KeyName(key) | Segment::RepeatedKey(key) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    // A key is the user's text: a 10 MB key is named by its start.
                    f.write_str(&shown(key))?;
                }
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Cow<'static, str>>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Reads a file, refusing directories, anything else that is not a
    /// regular file, oversized files and invalid UTF-8 with a problem that
    /// names the file.
    pub fn read(path: &Path) -> Result<Self, Problem> {
        Self::read_named(path, None)
    }

    /// Like [`read`](Self::read), for a file named by `option`, which also
    /// takes `-` for standard input: a pipe or device named by its path is
    /// refused with a pointer to that.
    pub fn read_option(path: &Path, option: &str) -> Result<Self, Problem> {
        Self::read_named(path, Some(option))
    }

    fn read_named(path: &Path, option: Option<&str>) -> Result<Self, Problem> {
        use std::os::unix::fs::OpenOptionsExt;

        let name = path.display().to_string();
        let fail = |message: String| Problem::in_file(&name, message);
        let not_regular = |file_type: std::fs::FileType| {
            let hint = match option {
                Some(option) => format!("; to read from a pipe, pass `{option} -`"),
                None => String::new(),
            };
            fail(format!(
                "is {}, not a regular file{hint}",
                file_kind(file_type)
            ))
        };
        let metadata = std::fs::metadata(path).map_err(|err| fail(describe_missing(path, &err)))?;
        if metadata.is_dir() {
            return Err(fail("is a directory, expected a YAML file".into()));
        }
        // Opening a FIFO for reading waits for a writer, and a device can
        // stream forever: only regular files are read by path.
        if !metadata.is_file() {
            return Err(not_regular(metadata.file_type()));
        }
        // The path may name something else by the time it is opened; with
        // O_NONBLOCK even a FIFO put there meanwhile opens at once, and the
        // opened file's own type is checked again.
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)
            .map_err(|err| fail(describe_io(&err)))?;
        let metadata = file.metadata().map_err(|err| fail(describe_io(&err)))?;
        if !metadata.is_file() {
            return Err(not_regular(metadata.file_type()));
        }
        // Sized from the start: reading into a growing buffer would reserve
        // up to twice a large file's size.
        let expected = metadata.len().min(MAX_INPUT_BYTES + 1) as usize;
        Self::from_reader(name, file, expected)
    }

    /// Reads standard input as a document called `<stdin>`.
    pub fn read_stdin() -> Result<Self, Problem> {
        Self::from_reader("<stdin>".into(), std::io::stdin().lock(), 0)
    }

    fn from_reader(name: String, reader: impl Read, expected: usize) -> Result<Self, Problem> {
        // One byte more than expected, so that reading to the end does not
        // grow the buffer just to find that there is nothing left.
        let mut bytes = Vec::with_capacity(expected + 1);
        reader
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| Problem::in_file(&name, describe_io(&err)))?;
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            return Err(Problem::in_file(
                &name,
                format!(
                    "is larger than the {} MiB limit for input files",
                    MAX_INPUT_BYTES / (1024 * 1024)
                ),
            ));
        }
        Self::from_bytes(name, bytes)
    }

    /// Decodes bytes as UTF-8 (dropping a byte-order mark), or names the
    /// line and column of the first invalid byte.
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Self, Problem> {
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..'\u{feff}'.len_utf8());
                }
                Ok(Self {
                    name,
                    text: text.into(),
                })
            }
            Err(err) => {
                let valid_up_to = err.utf8_error().valid_up_to();
                let bytes = err.as_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..valid_up_to]);
                let location = location_of_offset(&prefix, prefix.len());
                Err(Problem::in_file(&name, "is not valid UTF-8 text".into()).at(location))
            }
        }
    }

    /// Parses the whole text as one YAML document of type `T`.
    ///
    /// An empty document (nothing but blank lines and comments) parses as
    /// `T::default()`: an empty answers file means "no answers", which the
    /// caller then reports question by question.
    pub fn parse<T: DeserializeOwned + Default>(&self) -> Result<T, Problem> {
        if is_blank_yaml(&self.text) {
            return Ok(T::default());
        }
        if looks_like_json(&self.text) {
            // JSON is YAML too, and parses several times faster: the way to
            // feed pick-stack a very large generated file. A document that
            // only looks like JSON (a YAML flow mapping) falls through.
            match serde_json::from_str(&self.text) {
                Ok(document) => return Ok(document),
                Err(err) if err.is_data() => {
                    let message = err.to_string();
                    let message = match message.rfind(" at line ") {
                        Some(cut) => message[..cut].to_owned(),
                        None => message,
                    };
                    return Err(plain_problem(&self.name, &message).at(Location {
                        line: err.line(),
                        column: err.column(),
                    }));
                }
                Err(_) => {}
            }
        }
        // The streaming reader gives the same value in a fraction of the time
        // and memory, or declines; then the full parser gives the value, or
        // the problem with its line, column and field.
        if let Some(document) = crate::yaml_stream::from_str(&self.text) {
            return Ok(document);
        }
        if might_need_screening(&self.text) {
            self.screen()?;
        }
        serde_yaml::from_str(&self.text).map_err(|err| self.yaml_problem(&err))
    }

    /// Like [`parse`](Self::parse), and on a problem, every problem the
    /// document has (see [`recover`]): the document repaired, with its
    /// problems, when it can be; otherwise the first problem alone.
    /// `split_maps` names the top-level mappings whose entries stand alone.
    pub fn parse_all<T: DeserializeOwned + Default>(
        &self,
        split_maps: &[&str],
    ) -> Result<Parsed<T>, Problem> {
        let first = match self.parse::<T>() {
            Ok(document) => {
                return Ok(Parsed {
                    document,
                    problems: Vec::new(),
                    repaired: Vec::new(),
                });
            }
            Err(first) => first,
        };
        // A file refused before parsing (size, encoding, aliases, tags, deep
        // nesting, a second document) or that is no YAML has no more to
        // say: reading it further would expand what the screen refused.
        if might_need_screening(&self.text) && self.screen().is_err() {
            return Err(first);
        }
        let Some(recovered) = recover::recover::<T>(self, split_maps) else {
            return Err(first);
        };
        // The first problem as the full parse located it, and the others,
        // in the order of the file.
        let mut problems = vec![first.clone()];
        problems.extend(recovered.problems.into_iter().filter(|problem| {
            // The same problem found twice: by the same words, or a repeated
            // key at the same place (serde says "duplicate field" of a
            // struct's, the recovery "duplicate key").
            let same_repeat = problem.location == first.location
                && problem.message.starts_with("duplicate ")
                && first.message.starts_with("duplicate ");
            (&problem.field, &problem.message) != (&first.field, &first.message) && !same_repeat
        }));
        problems.sort_by_key(|problem| {
            problem
                .location
                .map_or((usize::MAX, 0), |Location { line, column }| (line, column))
        });
        Ok(Parsed {
            document: recovered.document,
            problems,
            repaired: recovered.repaired,
        })
    }

    /// Walks the YAML event stream for what pick-stack's documents never
    /// need and a hostile file uses: aliases (which expand, so a small file
    /// can make gigabytes), tags (which would change a value's meaning
    /// unseen), nesting deeper than [`MAX_NESTING`] (the YAML parser slows
    /// down quadratically on very deep flow mappings) and a second document.
    /// Each is refused at its line and column, before the real parse.
    fn screen(&self) -> Result<(), Problem> {
        use saphyr_parser::Event;
        let mut depth = 0usize;
        let mut documents = 0usize;
        for event in saphyr_parser::Parser::new_from_str(&self.text) {
            let (event, span) = match event {
                Ok(event) => event,
                Err(err) => {
                    let marker = err.marker();
                    let message = match err.info() {
                        "recursion limit exceeded" => "nesting is too deep".to_owned(),
                        info => info.to_owned(),
                    };
                    return Err(Problem::in_file(&self.name, message).at(Location {
                        line: marker.line(),
                        column: marker.col() + 1,
                    }));
                }
            };
            let at = Location {
                line: span.start.line(),
                column: span.start.col() + 1,
            };
            let refuse =
                |message: &str| Err(Problem::in_file(&self.name, message.to_owned()).at(at));
            match event {
                Event::Alias(_) => {
                    return refuse(
                        "YAML aliases (`*name`) are not supported here; write the value out",
                    );
                }
                Event::Scalar(_, _, _, Some(_))
                | Event::SequenceStart(_, Some(_))
                | Event::MappingStart(_, Some(_)) => {
                    return refuse("YAML tags (`!name`) are not supported here");
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return refuse(&format!("nesting is deeper than {MAX_NESTING} levels"));
                    }
                }
                Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return refuse(
                            "a second YAML document starts here; a file holds one document",
                        );
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn yaml_problem(&self, err: &serde_yaml::Error) -> Problem {
        let mut message = err.to_string();
        let mut location = err.location().map(|location| Location {
            line: location.line(),
            column: location.column(),
        });
        if location.is_none() {
            // The loader's whole-stream errors (a second document, trailing
            // junk, a repetition limit) carry no position; the screen finds it.
            if let Err(problem) = self.screen() {
                return problem;
            }
        }
        // The input reader counts bytes, not lines: "… at position N".
        if let Some(start) = message.find(" at position ")
            && let Ok(offset) = message[start + " at position ".len()..]
                .trim()
                .parse::<usize>()
        {
            let mut offset = offset.min(self.text.len());
            while !self.text.is_char_boundary(offset) {
                offset -= 1;
            }
            location = Some(location_of_offset(&self.text, offset));
            message.truncate(start);
        }
        if let (Some(key), Some(path)) = (
            duplicate_field(&message),
            location.and(field_path_of(&message)),
        ) {
            // serde reports a repeated field at its mapping; point at the repeat.
            if let Some(repeat) = self.locate(&path.with(Segment::RepeatedKey(key))) {
                location = Some(repeat);
            }
        }
        // The library writes the location into the message; it is shown in
        // front instead, like every other problem. Any other position in the
        // message (where an unclosed bracket opened) stays.
        if let Some(Location { line, column }) = location {
            let written = format!(" at line {line} column {column}");
            if let Some(start) = message.find(&written) {
                message.replace_range(start..start + written.len(), "");
            }
        }
        // The whole document of the wrong type: not a pick-stack file at
        // all, perhaps a credentials file reached through a link. Its
        // content is not quoted, not even its start.
        if let Some(rest) = message
            .strip_prefix("invalid type: ")
            .filter(|rest| rest.contains(", expected struct "))
        {
            let kind = rest
                .split([' ', ',', '"', '`'])
                .next()
                .unwrap_or("value")
                .to_owned();
            let kind = match kind.as_str() {
                "floating" => "number".to_owned(),
                "integer" => "number".to_owned(),
                "sequence" => "list".to_owned(),
                _ => kind,
            };
            message = format!(
                "not a pick-stack file: the whole document is a {kind}, where a mapping of fields (`key: value` lines) is expected"
            );
        }
        if message.starts_with("recursion limit exceeded") {
            message = "nesting is too deep (recursion limit exceeded)".to_owned();
        }
        let problem = plain_problem(&self.name, &message);
        match location {
            Some(location) => problem.at(location),
            None => problem,
        }
    }

    /// A problem with the field at `path`, located in this file.
    pub fn problem(&self, path: &FieldPath, message: impl Into<String>) -> Problem {
        let problem = Problem::in_file(&self.name, message.into()).field(path.to_string());
        match self.locate(path) {
            Some(location) => problem.at(location),
            None => problem,
        }
    }

    /// Where the node at `path` starts, if the text has such a node.
    pub fn locate(&self, path: &FieldPath) -> Option<Location> {
        self.locate_all(&[path])[0]
    }

    /// Where each node in `paths` starts, if the text has it: one walk
    /// through the text for all of them, so that locating N problems costs
    /// the file once plus N, not the file N times.
    pub fn locate_all(&self, paths: &[&FieldPath]) -> Vec<Option<Location>> {
        locate::all(&self.text, paths)
    }
}

/// Problems found in input files, collected before any is located. The
/// first [`PROBLEMS_LISTED`] are kept and, at the end, located together,
/// one pass over each file; the rest are only counted. Describing a
/// problem can cost more than finding it (a "did you mean" compares the
/// id with every valid one), so [`Findings::listing`] tells a caller
/// whether a problem found now would be listed at all.
pub struct Findings<'s> {
    listed: Vec<Finding<'s>>,
    more: usize,
    /// Fields whose problems are not said: parsing repaired them with a
    /// stand-in (see [`Parsed::repaired`]), and said what was wrong.
    repaired: Vec<(&'s SourceFile, FieldPath)>,
}

struct Finding<'s> {
    problem: Problem,
    /// The file and the candidate paths of the field: the first that is
    /// in the text is where the problem is, and is its field; the last is
    /// named when none is.
    place: Option<(&'s SourceFile, Vec<FieldPath>)>,
}

impl Default for Findings<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'s> Findings<'s> {
    pub fn new() -> Self {
        Self {
            listed: Vec::new(),
            more: 0,
            repaired: Vec::new(),
        }
    }

    /// Problems found parsing `source`, and the fields parsing repaired,
    /// whose later problems are the stand-ins' and are not said.
    pub fn parsed(
        &mut self,
        source: &'s SourceFile,
        problems: Vec<Problem>,
        repaired: Vec<FieldPath>,
    ) {
        for problem in problems {
            self.push(problem);
        }
        self.repaired
            .extend(repaired.into_iter().map(|path| (source, path)));
    }

    /// No problems yet, and the same repaired fields as this one, for
    /// problems found apart and appended later.
    pub fn fresh(&self) -> Self {
        Self {
            listed: Vec::new(),
            more: 0,
            repaired: self.repaired.clone(),
        }
    }

    /// Whether a problem at any of `paths` is inside a repaired field.
    fn in_repaired(&self, source: &SourceFile, paths: &[FieldPath]) -> bool {
        self.repaired.iter().any(|(repaired_in, repaired)| {
            std::ptr::eq(*repaired_in, source)
                && paths.iter().any(|path| path.0.starts_with(&repaired.0))
        })
    }

    /// Whether a problem added now would be listed (and so is worth
    /// describing in full).
    pub fn listing(&self) -> bool {
        self.listed.len() < PROBLEMS_LISTED
    }

    /// How many problems were found, listed or not.
    pub fn len(&self) -> usize {
        self.listed.len() + self.more
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A problem with the field at `path` in `source`.
    pub fn at(&mut self, source: &'s SourceFile, path: FieldPath, message: impl Into<String>) {
        self.at_first_of(source, vec![path], message);
    }

    /// A problem with the first field of `paths` that `source` has (the
    /// last when it has none).
    pub fn at_first_of(
        &mut self,
        source: &'s SourceFile,
        paths: Vec<FieldPath>,
        message: impl Into<String>,
    ) {
        if self.in_repaired(source, &paths) {
            return;
        }
        if !self.listing() {
            self.more += 1;
            return;
        }
        self.listed.push(Finding {
            problem: Problem::in_file(&source.name, message.into()),
            place: Some((source, paths)),
        });
    }

    /// A problem that needs no locating (a file-level one, or one located
    /// already).
    pub fn push(&mut self, problem: Problem) {
        if !self.listing() {
            self.more += 1;
            return;
        }
        self.listed.push(Finding {
            problem,
            place: None,
        });
    }

    /// Every problem of `other` after this one's, still at most
    /// [`PROBLEMS_LISTED`] listed.
    pub fn append(&mut self, other: Findings<'s>) {
        for finding in other.listed {
            if self.listing() {
                self.listed.push(finding);
            } else {
                self.more += 1;
            }
        }
        self.more += other.more;
    }

    /// The problems, located, or `None` when there are none.
    pub fn into_error(self) -> Option<InputError> {
        if self.is_empty() {
            return None;
        }
        let mut listed = self.listed;
        // Each file's wanted paths, located in one walk through it.
        let mut order: Vec<usize> = (0..listed.len())
            .filter(|&index| listed[index].place.is_some())
            .collect();
        let file_of = |index: usize| {
            listed[index]
                .place
                .as_ref()
                .map(|(source, _)| std::ptr::from_ref::<SourceFile>(*source))
        };
        order.sort_by_key(|&index| file_of(index));
        let mut found: Vec<Vec<Option<Location>>> = vec![Vec::new(); listed.len()];
        for same_file in order.chunk_by(|&a, &b| file_of(a) == file_of(b)) {
            let Some((source, _)) = &listed[same_file[0]].place else {
                continue;
            };
            let paths: Vec<&FieldPath> = same_file
                .iter()
                .flat_map(|&index| listed[index].place.iter().flat_map(|(_, paths)| paths))
                .collect();
            let mut locations = source.locate_all(&paths).into_iter();
            for &index in same_file {
                let count = listed[index]
                    .place
                    .as_ref()
                    .map_or(0, |(_, paths)| paths.len());
                found[index] = locations.by_ref().take(count).collect();
            }
        }
        let problems = listed
            .iter_mut()
            .zip(found)
            .map(|(finding, locations)| {
                let mut problem = finding.problem.clone();
                if let Some((_, paths)) = &finding.place {
                    let chosen = locations.iter().position(Option::is_some);
                    let path = &paths[chosen.unwrap_or(paths.len().saturating_sub(1))];
                    problem = problem.field(path.to_string());
                    if let Some(Some(location)) = chosen.map(|at| locations[at]) {
                        problem = problem.at(location);
                    }
                }
                problem
            })
            .collect();
        Some(InputError {
            problems,
            more: self.more,
        })
    }
}

/// What a file that is not a regular file is, as a message says it.
pub fn file_kind(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Why `path` cannot be read, saying where a link that leads nowhere
/// points (an editor's lock file is such a link).
fn describe_missing(path: &Path, err: &std::io::Error) -> String {
    if err.kind() == std::io::ErrorKind::NotFound
        && let Ok(target) = std::fs::read_link(path)
    {
        return format!(
            "no such file: a symbolic link to `{}`, which does not exist",
            crate::problem::shown_name(&target.to_string_lossy())
        );
    }
    describe_io(err)
}

fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot be read: {err}"),
    }
}

fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

fn location_of_offset(text: &str, offset: usize) -> Location {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |tail| tail.chars().count())
        + 1;
    Location { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
scale:
  min: 0
  max: 10
criteria:
  - id: speed
    ratings:
      node: {score: 8}
  - id: syntax
    ratings:
      python:
        score: 9
";

    fn locate(path: FieldPath) -> Option<(usize, usize)> {
        SourceFile::new("t.yaml", TEXT)
            .locate(&path)
            .map(|location| (location.line, location.column))
    }

    #[test]
    fn locates_values_keys_and_sequence_elements() {
        let root = FieldPath::root();
        assert_eq!(locate(root.key("scale").key("max")), Some((3, 8)));
        assert_eq!(locate(root.key("criteria").index(1)), Some((8, 5)));
        assert_eq!(
            locate(root.key("criteria").index(1).key("id")),
            Some((8, 9))
        );
        assert_eq!(
            locate(
                root.key("criteria")
                    .index(0)
                    .key("ratings")
                    .key("node")
                    .key("score")
            ),
            Some((7, 21))
        );
        assert_eq!(
            locate(
                root.key("criteria")
                    .index(1)
                    .key("ratings")
                    .key_name("python")
            ),
            Some((10, 7))
        );
    }

    #[test]
    fn missing_paths_have_no_location() {
        let root = FieldPath::root();
        assert_eq!(locate(root.key("criteria").index(7)), None);
        assert_eq!(locate(root.key("nothing")), None);
        assert_eq!(locate(root.key("scale").key("max").key("deeper")), None);
    }

    #[test]
    fn one_walk_locates_every_path_as_each_alone_would() {
        let root = FieldPath::root();
        let source = SourceFile::new("t.yaml", format!("{TEXT}scale:\n  min: 1\n"));
        let paths = [
            root.key("scale").key("max"),
            root.key("criteria").index(1).key("id"),
            root.key("criteria")
                .index(0)
                .key("ratings")
                .key("node")
                .key("score"),
            root.key("criteria")
                .index(1)
                .key("ratings")
                .key_name("python"),
            root.key("criteria").index(9),
            root.key_name("criteria"),
            // The second `scale` key, where it repeats.
            root.with(Segment::RepeatedKey("scale".into())),
            root.key("criteria").index(1),
        ];
        let wanted: Vec<&FieldPath> = paths.iter().collect();
        let together = source.locate_all(&wanted);
        let alone: Vec<Option<Location>> = paths.iter().map(|path| source.locate(path)).collect();
        assert_eq!(together, alone);
        let found: Vec<Option<(usize, usize)>> = together
            .iter()
            .map(|location| location.map(|l| (l.line, l.column)))
            .collect();
        assert_eq!(
            found,
            [
                Some((3, 8)),
                Some((8, 9)),
                Some((7, 21)),
                Some((10, 7)),
                None,
                Some((4, 1)),
                Some((12, 1)),
                Some((8, 5)),
            ]
        );
    }

    #[test]
    fn findings_list_a_hundred_located_and_count_the_rest() {
        let mut text = String::from("answers:\n");
        for i in 0..250 {
            text.push_str(&format!("  q{i}: x\n"));
        }
        let source = SourceFile::new("a.yaml", text);
        let mut findings = Findings::new();
        let answers = FieldPath::root().key("answers");
        for i in 0..250 {
            assert_eq!(findings.listing(), i < PROBLEMS_LISTED);
            findings.at(
                &source,
                answers.key_name(&format!("q{i}")),
                format!("bad {i}"),
            );
        }
        assert_eq!(findings.len(), 250);
        let error = findings.into_error().expect("problems");
        assert_eq!(error.problems.len(), PROBLEMS_LISTED);
        assert_eq!(error.more, 150);
        assert_eq!(
            error.problems[42].to_string(),
            "a.yaml:44:3: answers.q42: bad 42"
        );
        assert!(
            error
                .to_string()
                .ends_with("\nand 150 more problems (the first 100 are listed)")
        );
    }

    #[test]
    fn a_problem_is_at_the_first_candidate_the_file_has() {
        let source = SourceFile::new("c.yaml", "ratings:\n  a: 11\n  b: {score: 12}\n");
        let ratings = FieldPath::root().key("ratings");
        let mut findings = Findings::new();
        for alternative in ["a", "b"] {
            let path = ratings.key(alternative);
            findings.at_first_of(&source, vec![path.key("score"), path], "outside");
        }
        let error = findings.into_error().unwrap();
        let shown: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "c.yaml:2:6: ratings.a: outside",
                "c.yaml:3:14: ratings.b.score: outside"
            ]
        );
    }

    #[test]
    fn a_long_key_is_named_by_its_start_in_a_field_path() {
        let long = "k".repeat(1_000);
        let path = FieldPath::root().key("answers").key_name(&long);
        let text = path.to_string();
        assert!(text.starts_with("answers.kkkk"), "{text}");
        assert!(text.ends_with("… (1000 characters)"), "{text}");
        assert!(text.len() < 100, "{text}");
    }

    #[test]
    fn field_paths_read_like_accessors() {
        let path = FieldPath::root()
            .key("criteria")
            .index(2)
            .key("ratings")
            .key_name("node");
        assert_eq!(path.to_string(), "criteria[2].ratings.node");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = SourceFile::from_bytes("x.yaml".into(), b"a: 1\nb: \xff\n".to_vec()).unwrap_err();
        assert_eq!(err.location, Some(Location { line: 2, column: 4 }));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let source =
            SourceFile::from_bytes("x.yaml".into(), "\u{feff}a: 1".as_bytes().to_vec()).unwrap();
        assert_eq!(source.text, "a: 1");
    }
}
