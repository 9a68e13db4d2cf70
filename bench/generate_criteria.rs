//! Writes a generated criteria file, or an answers file for one, to
//! standard output:
//!
//! ```text
//! cargo run --release --example generate-criteria -- CRITERIA ALTERNATIVES > criteria.yaml
//! cargo run --release --example generate-criteria -- CRITERIA ALTERNATIVES json > criteria.json
//! cargo run --release --example generate-criteria -- answers OPTION > answers.yaml
//! ```

#[path = "generator.rs"]
mod generator;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |index: usize| args.get(index).and_then(|arg| arg.parse::<usize>().ok());
    let json = args.get(2).is_some_and(|format| format == "json");
    match (args.first().map(String::as_str), number(0), number(1)) {
        (Some("answers"), _, Some(option)) => print!("{}", generator::answers_yaml(option)),
        (_, Some(criteria), Some(alternatives)) if json => {
            print!("{}", generator::criteria_json(criteria, alternatives, 0))
        }
        (_, Some(criteria), Some(alternatives)) => {
            print!("{}", generator::criteria_yaml(criteria, alternatives, 0))
        }
        _ => {
            eprintln!(
                "usage: generate-criteria CRITERIA ALTERNATIVES [json] | generate-criteria answers OPTION"
            );
            std::process::exit(2);
        }
    }
}
