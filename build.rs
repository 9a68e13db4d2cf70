//! Turns the embedded criteria and questions into the model at build time.
//!
//! Every run of pick-stack that uses the embedded data starts from the
//! model they make. Parsing them and building the model (checking every
//! reference, resolving every id) took more than a quarter of a run's
//! instructions; decoding the finished model takes a fraction of that.
//! So the build runs pick-stack's own loader (the modules below, compiled
//! a second time into this script) on the YAML, and stores the result in
//! postcard's binary form: with and without the questions (`matrix` asks
//! nothing). The YAML stays the source of truth and is embedded too, for
//! `validate` and for locating problems. A build whose embedded data has a
//! problem stops here, with the problem located by line and column.
//!
//! The questions are also converted to JSON: `--criteria` with a set that
//! has none of its own reads them from there (JSON parses several times
//! faster than YAML).

// The modules are the binary's; this script uses only their loader.
#![allow(dead_code, unused_imports)]

/// A stand-in for `src/embedded.rs`, whose stored model this script is
/// making: the loader it compiles refers to it, but the build never calls
/// the functions that read it.
mod embedded {
    pub const SOURCES: [(&str, &str); 2] = [("", ""), ("", "")];
    pub const MODEL: &[u8] = &[];
    pub const MODEL_WITHOUT_QUESTIONS: &[u8] = &[];
    pub const QUESTIONS_JSON: &str = "";
}
#[path = "src/magnitude.rs"]
mod magnitude;
#[path = "src/model/mod.rs"]
mod model;
#[path = "src/problem.rs"]
mod problem;
#[path = "src/source/mod.rs"]
mod source;
#[path = "src/untrusted.rs"]
mod untrusted;
#[path = "src/yaml_stream.rs"]
mod yaml_stream;

use std::path::Path;

use source::SourceFile;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    // The loader's own source decides what the stored model holds: all
    // of `src` is watched, so that a module the loader comes to use cannot
    // be missed (the script takes a few hundredths of a second).
    for watched in ["criteria", "src"] {
        println!("cargo::rerun-if-changed={watched}");
    }

    let sources: Vec<SourceFile> = ["criteria", "questions"]
        .iter()
        .map(|name| {
            let path = format!("criteria/{name}.yaml");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
            SourceFile::new(format!("(embedded) {path}"), text)
        })
        .collect();

    // The models first: a problem in either file is reported by the
    // loader, located by line and column.
    for (count, name) in [(1, "criteria-model.bin"), (2, "model.bin")] {
        let model = model::build(&sources[..count])
            .unwrap_or_else(|problems| panic!("the embedded criteria have problems:\n{problems}"));
        let bytes = postcard::to_allocvec(&model)
            .unwrap_or_else(|err| panic!("the embedded model has no stored form: {err}"));
        write(&out_dir.join(name), &bytes);
    }

    let questions = &sources[1];
    let value: serde_yaml::Value = serde_yaml::from_str(&questions.text)
        .unwrap_or_else(|err| panic!("{}: {err}", questions.name));
    let json = serde_json::to_string(&value)
        .unwrap_or_else(|err| panic!("{} has no JSON form: {err}", questions.name));
    write(&out_dir.join("questions.json"), json.as_bytes());
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
}
