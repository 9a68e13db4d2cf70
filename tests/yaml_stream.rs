//! `pick_stack::yaml_stream` against `serde_yaml`: wherever the fast reader
//! returns a value, the full parser must return the same value for the same
//! text. Checked on every YAML file in the repository, on the fuzz seeds and
//! on hand-written snippets of the YAML that is easy to get wrong. The files
//! pick-stack reads on every run (the embedded criteria, the published
//! answers examples) must also take the fast path.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

use pick_stack::model::Kind;
use pick_stack::model::document::{AnswersDocument, ComparisonsDocument, CriteriaDocument};
use pick_stack::yaml_stream;
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Reads `text` both ways as `T`. `Ok(true)` when the fast path answered
/// (and agreed), `Ok(false)` when it declined, `Err` describing a mismatch.
fn agree<T: DeserializeOwned + Debug>(text: &str) -> Result<bool, String> {
    let Some(fast) = yaml_stream::from_str::<T>(text) else {
        return Ok(false);
    };
    let ty = std::any::type_name::<T>();
    match serde_yaml::from_str::<T>(text) {
        Ok(full) => {
            let (fast, full) = (format!("{fast:?}"), format!("{full:?}"));
            if fast == full {
                Ok(true)
            } else {
                Err(format!(
                    "as {ty}, input {text:?}\n  fast:       {fast}\n  serde_yaml: {full}"
                ))
            }
        }
        Err(err) => Err(format!(
            "as {ty}, input {text:?}\n  fast:       {fast:?}\n  serde_yaml: Err({err})"
        )),
    }
}

/// A struct of the field types pick-stack's documents use, strict about
/// unknown fields. (Its fields are read through `Debug` only.)
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Strict {
    name: String,
    weight: f64,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
}

/// The same kinds of field, all optional, ignoring unknown ones (so the
/// fast reader's skipping of ignored values is exercised too).
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
struct Loose {
    name: Option<String>,
    weight: Option<f64>,
    note: Option<String>,
    tags: Option<Vec<String>>,
    count: Option<i64>,
    small: Option<u8>,
    flag: Option<bool>,
    kind: Option<Kind>,
    scores: Option<BTreeMap<String, f64>>,
    nested: Option<Vec<Option<Vec<f64>>>>,
}

/// Every generic target type, as (name, check).
type Check = fn(&str) -> Result<bool, String>;
const GENERIC: &[(&str, Check)] = &[
    ("serde_json::Value", agree::<serde_json::Value>),
    ("Strict", agree::<Strict>),
    ("Loose", agree::<Loose>),
    (
        "BTreeMap<String, String>",
        agree::<BTreeMap<String, String>>,
    ),
    ("Vec<String>", agree::<Vec<String>>),
    ("Vec<f64>", agree::<Vec<f64>>),
    ("Vec<i64>", agree::<Vec<i64>>),
    ("Vec<Option<String>>", agree::<Vec<Option<String>>>),
];

/// pick-stack's own document types.
const DOCUMENTS: &[(&str, Check)] = &[
    ("CriteriaDocument", agree::<CriteriaDocument>),
    ("AnswersDocument", agree::<AnswersDocument>),
    ("ComparisonsDocument", agree::<ComparisonsDocument>),
    ("serde_json::Value", agree::<serde_json::Value>),
];

/// Fails with the number of mismatches and the first few of them.
fn assert_no_mismatches(mismatches: &[String]) {
    assert!(
        mismatches.is_empty(),
        "{} mismatches, the first:\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.yaml` and `.yml` file under `dir`, skipping build output, `.git`
/// and the fuzzer's own generated corpus and artifacts.
fn yaml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let relative = path.strip_prefix(root()).unwrap_or(&path).to_path_buf();
        if path.is_dir() {
            let skip = [
                "target",
                ".git",
                "fuzz/target",
                "fuzz/corpus",
                "fuzz/artifacts",
            ]
            .iter()
            .any(|skipped| relative == Path::new(skipped))
                || path.file_name().is_some_and(|name| name == "target");
            if !skip {
                yaml_files(&path, found);
            }
        } else if path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml")
        {
            found.push(path);
        }
    }
}

/// The text as pick-stack reads it: UTF-8, a leading byte-order mark dropped
/// (`SourceFile::from_bytes`). `None` for a file that is not UTF-8.
fn as_read(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8(bytes.to_vec()).ok()?;
    Some(text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned())
}

/// The documents in one fuzz input: the whole of it, and each part between
/// `pick_stack::fuzzing::SEPARATOR`s.
fn fuzz_parts(bytes: &[u8]) -> Vec<Vec<u8>> {
    let separator = pick_stack::fuzzing::SEPARATOR;
    let mut parts = vec![bytes.to_vec()];
    let mut rest = bytes;
    while let Some(at) = rest
        .windows(separator.len())
        .position(|window| window == separator)
    {
        parts.push(rest[..at].to_vec());
        rest = &rest[at + separator.len()..];
    }
    if parts.len() > 1 {
        parts.push(rest.to_vec());
    }
    parts
}

#[test]
fn every_yaml_file_in_the_repository_reads_the_same_both_ways() {
    let mut files = Vec::new();
    yaml_files(&root(), &mut files);
    let mut inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|path| {
            let name = path.strip_prefix(root()).unwrap().display().to_string();
            (name, std::fs::read(path).expect("read a YAML file"))
        })
        .collect();
    let yaml_file_count = inputs.len();
    // The fuzz target's starting inputs and past crashes, whatever their
    // names: several documents each, split as the fuzz target splits them.
    for folder in ["fuzz/seeds", "fuzz/regressions"] {
        let Ok(entries) = std::fs::read_dir(root().join(folder)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let is_yaml = path
                .extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml");
            if !path.is_file() || is_yaml || path.file_name().is_some_and(|n| n == ".keep") {
                continue;
            }
            let bytes = std::fs::read(&path).expect("read a fuzz input");
            for (index, part) in fuzz_parts(&bytes).into_iter().enumerate() {
                let name = format!("{} (part {index})", path.display());
                inputs.push((name, part));
            }
        }
    }

    let mut mismatches = Vec::new();
    let (mut compared, mut fast) = (0usize, 0usize);
    for (name, bytes) in &inputs {
        let Some(text) = as_read(bytes) else {
            continue;
        };
        for (_, check) in DOCUMENTS {
            compared += 1;
            match check(&text) {
                Ok(true) => fast += 1,
                Ok(false) => {}
                Err(mismatch) => mismatches.push(format!("{name}: {mismatch}")),
            }
        }
    }
    println!(
        "{yaml_file_count} YAML files, {} inputs with the fuzz seeds: \
         {compared} comparisons, {fast} on the fast path",
        inputs.len()
    );
    assert!(
        yaml_file_count >= 50,
        "only {yaml_file_count} YAML files found"
    );
    assert!(fast > 0, "no file took the fast path");
    assert_no_mismatches(&mismatches);
}

#[test]
fn the_embedded_criteria_and_published_answers_take_the_fast_path() {
    let mut slow = Vec::new();
    let mut checked = 0;
    for (folder, (ty, check)) in [("criteria", DOCUMENTS[0]), ("examples", DOCUMENTS[1])] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
            .expect("folder")
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
            .collect();
        paths.sort();
        for path in paths {
            let text = as_read(&std::fs::read(&path).expect("read")).expect("UTF-8");
            checked += 1;
            match check(&text) {
                Ok(true) => {}
                Ok(false) => slow.push(format!("{} as {ty}: fast path declined", path.display())),
                Err(mismatch) => slow.push(format!("{}: {mismatch}", path.display())),
            }
        }
    }
    assert!(checked >= 8, "only {checked} files checked");
    assert!(slow.is_empty(), "{}", slow.join("\n"));
}

/// Hand-written YAML that tends to trip a reader, valid or not.
const SNIPPETS: &[&str] = &[
    // Plain scalars over several lines fold to one line.
    "name: a plain\n  scalar over\n  three lines\nweight: 1\n",
    "name: a plain\n\n  scalar with a blank line\nweight: 1\n",
    "- one\n  two\n-   three   \n    four  # comment\n",
    "key: value with: colon and #hash\nother: 'x' # trailing\n",
    "text: a: b\n",
    // Literal and folded blocks, with every chomping indicator.
    "name: |\n  line one\n  line two\n\n\nweight: 1\n",
    "name: |-\n  line one\n  line two\n\n\nweight: 1\n",
    "name: |+\n  line one\n  line two\n\n\nweight: 1\n",
    "name: >\n  folded one\n  folded two\n\n  new paragraph\n    indented\n  back\nweight: 1\n",
    "name: >-\n  folded one\n  folded two\n\nweight: 1\n",
    "name: >+\n  folded one\n  folded two\n\n\nweight: 1\n",
    "name: |2\n    two extra spaces\n  base\nweight: 1\n",
    "name: >\n\n  leading blank\nweight: 1\n",
    "name: |\nweight: 1\n",
    "- |\n  a\n- >\n  b\n- |-\n  c\n- >+\n  d\n",
    "name: |\n  ends at the end of the text",
    "name: >+\n  keep\n\n",
    // Double-quoted escapes.
    "name: \"tab\\there\"\nweight: 1\n",
    "name: \"\\u00e9 \\x41 \\/ \\\\ \\\" \\0 \\a \\b \\e \\f \\n \\r \\v \\N \\_ \\L \\P \\U0001F600\"\nweight: 1\n",
    "name: \"line one\n  line two\n\n  line three\"\nweight: 1\n",
    "name: \"escaped \\\n  newline\"\nweight: 1\n",
    "name: \"\\ \"\nweight: 1\n",
    // Single-quoted.
    "name: 'it''s'\nweight: 1\n",
    "name: 'multi\n  line\n\n  single'\nweight: 1\n",
    "name: ''\nweight: 1\n",
    "name: '~'\nweight: 1\nnote: 'null'\n",
    // Flow collections.
    "{name: x, weight: 2.5, tags: [a, b, 'c d'], note: ~}",
    "{name: x, weight: 2.5, tags: [], }",
    "{ \"name\" : \"x\" , \"weight\" : 1 }",
    "{\"name\":\"x\",\"weight\":1}",
    "name: x\nweight: 1\ntags: [a,\n  b,\n  c]\n",
    "[a, b: c, {d: e}, [f]]",
    "{a, b: c}",
    "{? a : b}",
    "[? a : b]",
    "scores: {go: 1, rust: 2.5, node: -3}\n",
    "nested: [[1, 2], ~, [], [3.5]]\n",
    "{a: [1, {b: [2, {c: 3}]}]}",
    "[\"a\", 'b', c,]",
    "{a: }",
    "{a: , b: }",
    "[a, , b]",
    // Comments and document markers.
    "# leading comment\nname: x # after\n# between\nweight: 1 # after\n# trailing",
    "---\nname: x\nweight: 1\n",
    "--- \nname: x\nweight: 1\n...\n",
    "name: x\nweight: 1\n...\n",
    "name: x\nweight: 1\n...\n# after the end\n",
    "--- # comment\nname: x\nweight: 1\n",
    "---\nname: x\nweight: 1\n---\nname: y\nweight: 2\n",
    "name: x\nweight: 1\n---\n",
    "--- {name: x, weight: 1}\n",
    "--- |\n  literal document\n",
    "--- text\n",
    "---\n",
    "...\n",
    "...\nname: x\nweight: 1\n",
    "# comment\n...\nname: x\nweight: 1\n",
    "...\n...\nname: x\nweight: 1\n",
    "---\n...\nname: x\nweight: 1\n",
    "... # comment\nname: x\n",
    "--- ~\n",
    "%YAML 1.2\n---\nname: x\nweight: 1\n",
    "%YAML 1.1\n---\nname: x\nweight: 1\n",
    "%YAML 2.0\n---\nname: x\nweight: 1\n",
    "%YAML 1.3\n---\nname: x\nweight: 1\n",
    "%TAG !e! tag:example.com,2000:\n---\nname: x\nweight: 1\n",
    "%FOO bar\n---\nname: x\nweight: 1\n",
    "# after a lone CR\r%FOO bar\r---\nname: x\nweight: 1\n",
    "# after a lone CR\r%YAML 2.0\r---\nname: x\nweight: 1\n",
    "# after a lone CR\r%YAML 1.2\r---\nname: x\nweight: 1\n",
    "# c\r\n%FOO bar\r\n---\nname: x\nweight: 1\n",
    // Keys: spaces, quotes, odd types, empty values, explicit keys.
    "key with spaces: 1\n'quoted key': 2\n\"double key\": 3\n",
    "1: one\n2.5: two\ntrue: three\n~: four\n",
    "? explicit\n: value\n? other\n",
    "? [a, b]\n: value\n",
    "? {a: b}\n: value\n",
    "name:\nweight: 1\n",
    "name: x\nweight: 1\nnote:\ntags:\n",
    "name: x\nweight: 1\nnote: ''\n",
    "name: x\nweight: 1\nnote: \"\"\n",
    "name: x\nweight: 1\ntags: ~\n",
    "name: x\nweight: 1\ntags: []\n",
    "name: x\nweight: 1\ntags: {}\n",
    "name: x\nweight: 1\nunknown: 1\n",
    "name: x\nweight: 1\nname: y\n",
    "a: 1\na: 2\n",
    ": no key\n",
    "name: ~\nweight: 1\n",
    "name: null\nweight: 1\n",
    "name: NULL\nweight: Null\n",
    "name: 8\nweight: 8\n",
    "name: true\nweight: 1\n",
    // Numbers.
    "[1_000, 0o17, +5, -0, .5, 5., 1e3, 0x1F, .NaN, .nan, .NAN, .inf, -.Inf, +.INF]",
    "[0, 00, 007, -007, +007, 08, 0.0, -0.0, 00.5, 1.5e-3, 1E3, 1e+3, 1.e3, -.5, +.5]",
    "[0b101, -0b101, 0B101, 0X1F, -0x1F, 0x, 0o, 0b, 0xg, 0o8, 1__0, 1_0.5]",
    "[inf, -inf, nan, NaN, Infinity, infinity, .Infinity, e3, .e3, 1e, -, +, ., -., +.]",
    "[18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809]",
    "[340282366920938463463374607431768211455, 1e309, -1e309, 1e-400, 4.9e-324]",
    "[0.1, 0.30000000000000004, 1.7976931348623157e308, 123456789012345678901234567890.5]",
    "weight: 1_000\nname: x\n",
    "weight: 0o17\nname: x\n",
    "weight: +5\nname: x\n",
    "weight: -0\nname: x\n",
    "weight: .5\nname: x\n",
    "weight: 5.\nname: x\n",
    "weight: 1e3\nname: x\n",
    "weight: 0x1F\nname: x\n",
    "weight: .NaN\nname: x\n",
    "weight: -.inf\nname: x\n",
    "weight: 007\nname: x\n",
    "weight: 08.5\nname: x\n",
    "weight: '1'\nname: x\n",
    "weight: \"1\"\nname: x\n",
    "weight: |\n  1\nname: x\n",
    "weight: 1.0\nname: x\n",
    "weight: 18446744073709551616\nname: x\n",
    "weight: -9223372036854775809\nname: x\n",
    "weight: inf\nname: x\n",
    "weight: nan\nname: x\n",
    "weight: ~\nname: x\n",
    "weight:\nname: x\n",
    "count: 1.0\n",
    "count: 1e3\n",
    "count: -0\n",
    "count: 007\n",
    "count: 0x10\n",
    "count: +3\n",
    "count: 9223372036854775808\n",
    "count: -9223372036854775808\n",
    "count: '5'\n",
    "small: 255\n",
    "small: 256\n",
    "small: -1\n",
    "flag: true\nkind: cost\n",
    "flag: True\nkind: benefit\n",
    "flag: yes\n",
    "flag: on\n",
    "flag: 'true'\n",
    "flag: TRUE\n",
    "flag: tRUE\n",
    "kind: Cost\n",
    "kind: 'cost'\n",
    "kind: \"benefit\"\n",
    "kind: |\n  cost\n",
    "kind: ~\n",
    "kind:\n",
    "kind: [cost]\n",
    "kind: {cost: 1}\n",
    "kind: 1\n",
    "scores: {a: 1, b: '2', c: ~}\n",
    "scores: {a: 1, a: 2}\n",
    "scores:\n",
    "scores: []\n",
    "nested: [[1, 2], [3, x]]\n",
    "nested:\n  - \n  - [1]\n  -\n    - 2\n",
    // Tabs.
    "name:\tx\nweight:\t1\n",
    "name: x\t\nweight: 1\t# tab before comment\n",
    "name: \"a\tb\"\nweight: 1\n",
    "name: a\tb\nweight: 1\n",
    "name: |\n  \ttab inside a literal\nweight: 1\n",
    "\tname: x\nweight: 1\n",
    "name: x\n\tweight: 1\n",
    "-\ta\n-\tb\n",
    "[a,\tb]\n",
    "{a:\t1}\n",
    "name: x\nweight: 1\n\t\n",
    "name: x\nweight: 1\n \t# comment\n",
    // CRLF and CR line endings.
    "name: x\r\nweight: 1\r\ntags:\r\n  - a\r\n  - b\r\n",
    "name: |\r\n  one\r\n  two\r\nweight: 1\r\n",
    "name: >\r\n  one\r\n  two\r\n\r\n  three\r\nweight: 1\r\n",
    "name: \"a\r\n  b\"\r\nweight: 1\r\n",
    "name: a\r\n  b\r\nweight: 1\r\n",
    "name: x\rweight: 1\r",
    "name: x\r\n\r\nweight: 1",
    // Unicode.
    "name: héllo wörld ✓ 日本語 🦀\nweight: 1\n",
    "ключ: значение\n",
    "name: \"\\u263A\"\nweight: 1\n",
    "name: \"\\ud83e\\udd80\"\nweight: 1\n",
    "name: \"\\ud800\"\nweight: 1\n",
    "name: x\u{85}weight: 1\n",
    "name: x\u{2028}y\nweight: 1\n",
    "name: a\u{a0}b\nweight: 1\n",
    "name: \"\u{7f}\"\nweight: 1\n",
    "name: \"\u{1}\"\nweight: 1\n",
    "name: x\u{1}\nweight: 1\n",
    "name: x\u{feff}\nweight: 1\n",
    // A byte-order mark starting a later line: libyaml skips it but counts
    // its column.
    "\n\u{feff}- a\n- b\n",
    "x:\n\u{feff} a: 1\n b: 2\n",
    "a: 1\n\u{feff}b: 2\nc: 3\n",
    "\n\u{feff}-\n-",
    // Indentation, nesting and structure.
    "tags:\n- a\n- b\nname: x\nweight: 1\n",
    "tags:\n  - a\n  -   b\nname: x\nweight: 1\n",
    "- - a\n  - b\n- - c\n",
    "- a: 1\n  b: 2\n- c: 3\n",
    "-\n  a: 1\n-\n",
    "a:\n  b:\n    c:\n      d: 1\n",
    "a:\n    b: 1\n    c: 2\n",
    "a: 1\n b: 2\n",
    "a:\n  - 1\n - 2\n",
    "name: x\nweight: 1\n  tags: [a]\n",
    "plain",
    "'quoted'",
    "\"double\"",
    "~",
    "",
    " ",
    "# only a comment\n",
    "[]",
    "{}",
    "-",
    "- ",
    "-\n",
    "- -\n",
    ":",
    "? ",
    "a: [",
    "a: {b",
    "a: 'unclosed",
    "a: \"unclosed",
    "]",
    "a: b]",
    "[a]]",
    "a: 1 b: 2",
    "- a\nb: c\n",
    "a: b\n- c\n",
    // Flow-context rules where YAML 1.2 (saphyr) and 1.1 (libyaml) differ.
    "{min:0, max: 10}",
    "{a:1}",
    "{\"a\":1}",
    "{'a':1}",
    "[a:b]",
    "[speed, :syn, 1]",
    "{:x}",
    "[:]",
    "{a: 1, syntax:, }",
    "{a:}",
    "{a:, b: 1}",
    "[a:, b]",
    "{a: b:c}",
    "{a: http://x.y/z}",
    "[http://x.y/z]",
    "url: http://x.y/z\n",
    "{a\n b: c}",
    "rcale: {stion ht\n- bel: Light}\n",
    "{a: 1,\n b\n c: 2}",
    "{a: 1,\n b:\n  2}",
    "[a\n b, c]",
    "[a\n b: c]",
    "{\"a\n b\": c}",
    "[|a]",
    "{a: |b}",
    "[>a]",
    "{a: >b}",
    "[@a]",
    "[`a]",
    "[a, %b]",
    "[a, !b]",
    "[a, &b]",
    "[a, *b]",
    "[-a, - b, -]",
    "{? a, ? b: c}",
    "[a, ? b]",
    "{a: [b, c]: d}",
    "[a #c\n]",
    "[a, #c\n b]",
    "[a,#c\n b]",
    "{a: b #c\n}",
    // Block scalars at the top level and at the end of the text.
    "|\nabc\n",
    ">\nabc\n",
    "|\n abc\n",
    "--- |\nabc\n",
    "--- >\n abc\n",
    "|\r# comment\r@x\n",
    "|\n\nabc\n",
    "- |\n a\n- >\n b",
    "a: |\n  x\n  ",
    "a: >\n  x",
    "a: |-\n  x",
    "a: |+\n  x",
    "a: >+\n  x\n",
    "a: |\n  x\r",
    "a: |\n  x\r\n",
    "a: |\n",
    "a: |",
    "a: >-",
    "a: |\n\n",
    "a: |+\n\n",
    "a: |\n  x\n\n# c",
    "a: |1\n  x\n",
    "a: |9\n  x\n",
    "a: |0\n  x\n",
    "a: |-2\n   x\n",
    "a: |2-\n   x\n",
    "a: |--\n  x\n",
    "a: | # comment\n  x\n",
    "a: |#no\n  x\n",
    "- - |\n   x\n  - y\n",
    // Things the fast path leaves alone: anchors, aliases, tags, merges.
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: !custom 1\n",
    "<<: {a: 1}\nb: 2\n",
    "a: !!binary aGVsbG8=\n",
];

#[test]
fn tricky_snippets_read_the_same_both_ways() {
    let mut mismatches = Vec::new();
    let (mut compared, mut fast) = (0usize, 0usize);
    for text in SNIPPETS {
        for (_, check) in GENERIC.iter().chain(DOCUMENTS) {
            compared += 1;
            match check(text) {
                Ok(true) => fast += 1,
                Ok(false) => {}
                Err(mismatch) => mismatches.push(mismatch),
            }
        }
    }
    println!(
        "{} snippets: {compared} comparisons, {fast} on the fast path",
        SNIPPETS.len()
    );
    assert!(fast >= SNIPPETS.len() / 2, "only {fast} fast reads");
    assert_no_mismatches(&mismatches);
}

/// libyaml refuses an implicit key that runs more than 1024 bytes from its
/// start to its `:`; saphyr takes any length. Keys around that length, plain,
/// quoted, multi-byte and padded with spaces, in block and flow collections.
#[test]
fn keys_around_libyaml_length_limit_read_the_same_both_ways() {
    let mut mismatches = Vec::new();
    let mut texts = Vec::new();
    for length in (1016..=1032).chain([600, 2000]) {
        let plain = "k".repeat(length);
        let wide = "é".repeat(length / 2);
        let padded = format!("k{}", " ".repeat(length));
        for key in [
            plain.clone(),
            format!("\"{plain}\""),
            format!("'{plain}'"),
            wide,
            padded,
        ] {
            texts.push(format!("{{{key}: v}}"));
            texts.push(format!("[{key}: v]"));
            texts.push(format!("x: [a, {key}: v]\n"));
            texts.push(format!("{key}: v\n"));
            texts.push(format!("? {key}\n: v\n"));
        }
    }
    for text in &texts {
        for (_, check) in GENERIC.iter().chain(DOCUMENTS) {
            if let Err(mismatch) = check(text) {
                mismatches.push(mismatch);
            }
        }
    }
    assert_no_mismatches(&mismatches);
}

/// A few snippets whose value is known, so agreement is not agreement on
/// the wrong answer by both readers.
#[test]
fn fast_values_are_the_expected_ones() {
    let value = |text: &str| -> String {
        yaml_stream::from_str::<serde_json::Value>(text)
            .unwrap_or_else(|| panic!("fast path declined {text:?}"))
            .to_string()
    };
    assert_eq!(
        value("[1, -0, .5, 5., 1e3, 007, 1_000, 0O17, .NaN, -.inf, 1.0]"),
        r#"[1,0,0.5,5.0,1000.0,"007","1_000","0O17",null,null,1.0]"#
    );
    assert_eq!(
        value("a: |-\n  x\n  y\n\nb: >+\n  p\n  q\n\n"),
        r#"{"a":"x\ny","b":"p q\n\n"}"#
    );
    assert_eq!(
        value("- \"\\t\\u00e9\\x41\\/\"\n- 'it''s'\n- plain\n  folded\n"),
        r#"["\téA/","it's","plain folded"]"#
    );
    assert_eq!(value("a: x\r\nb:\r\n  - 1\r\n"), r#"{"a":"x","b":[1]}"#);
}
