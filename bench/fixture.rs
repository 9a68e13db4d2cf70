//! What a benchmark of one size starts from, made once before any timing:
//! the generated file in both forms, the model, the answers, and the
//! weighted-sum evaluation that sensitivity analyses (as `advise` does by
//! default). Shared by `benches/stages.rs` and `benches/scaling.rs`, which
//! include it next to `generator.rs`.

use pick_stack::answers::{Answers, MissingAnswers};
use pick_stack::engine::{self, Assessment, Method, Scenario};
use pick_stack::model::{self, Model};
use pick_stack::source::SourceFile;

use crate::generator;

pub struct Fixture {
    pub yaml: String,
    pub json: String,
    /// Leaked once per size, so that the scenario can borrow its scores.
    pub model: &'static Model,
    pub answers: Answers,
    pub scenario: Scenario<'static>,
    pub assessment: Assessment,
}

impl Fixture {
    /// The fixture for the generated file
    /// `generator::criteria_yaml(criteria, alternatives, variant)`.
    pub fn new(criteria: usize, alternatives: usize, variant: u64) -> Self {
        let yaml = generator::criteria_yaml(criteria, alternatives, variant);
        let json = generator::criteria_json(criteria, alternatives, variant);
        // The JSON form builds the same model several times faster.
        let model = model::build(&[SourceFile::new("generated.json", json.clone())])
            .expect("generated criteria load");
        let model: &'static Model = Box::leak(Box::new(model));
        let answers = answers_for(model);
        let (scenario, assessment) = engine::evaluate(model, &answers, Method::WeightedSum)
            .expect("generated scores are above 0");
        Self {
            yaml,
            json,
            model,
            answers,
            scenario,
            assessment,
        }
    }
}

/// The generated answers (option 1 of every question) for `model`.
pub fn answers_for(model: &Model) -> Answers {
    Answers::from_source(
        model,
        &SourceFile::new("answers.yaml", generator::answers_yaml(1)),
        MissingAnswers::Reject,
    )
    .expect("generated answers")
}
