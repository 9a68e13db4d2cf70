//! Converts the embedded criteria from YAML to JSON at build time. Every run
//! of pick-stack starts by loading them, and JSON parses several times faster
//! than YAML; the YAML stays the source of truth (and is embedded too, for
//! `validate` and for locating problems).

use std::path::Path;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["criteria", "questions"] {
        let source = format!("criteria/{name}.yaml");
        println!("cargo::rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|err| panic!("{source}: {err}"));
        let value: serde_yaml::Value = serde_yaml::from_str(&text)
            .unwrap_or_else(|err| panic!("{source} is not valid YAML: {err}"));
        let json = serde_json::to_string(&value)
            .unwrap_or_else(|err| panic!("{source} has no JSON form: {err}"));
        let target = Path::new(&out_dir).join(format!("{name}.json"));
        std::fs::write(&target, json).unwrap_or_else(|err| panic!("{}: {err}", target.display()));
    }
}
