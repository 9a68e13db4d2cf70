//! `advise` for a team: several `--answers` files, or a folder of them.
//! Reads every member's answers, has [`crate::team`] decide, and reports.
//! One answers file keeps the one-person path in [`crate::app`].

use std::path::{Path, PathBuf};

use crate::answers::{Answers, MissingAnswers};
use crate::app::{
    advise_requests, for_format, method_problem, outcome_code, resolve_alternative, today,
    usage_problem,
};
use crate::cli::{AdviseArgs, Cli, MethodArg};
use crate::engine::Method;
use crate::exit_code::ExitCode;
use crate::model::Model;
use crate::outputs::{self, Output, Request};
use crate::problem::InputError;
use crate::report::{self, Layout};
use crate::source::SourceFile;
use crate::team::{self, Member};

/// Whether `--answers` names a team: more than one file, or a folder.
pub fn is_team(answers: &[PathBuf]) -> bool {
    answers.len() > 1 || answers.first().is_some_and(|path| path.is_dir())
}

pub fn advise(
    model: &Model,
    cli: &Cli,
    args: &AdviseArgs,
    layout: Layout,
) -> anyhow::Result<ExitCode> {
    if args.save_answers.is_some() {
        return Err(usage_problem(
            "--save-answers",
            "several answers files hold several members' answers, not one set to save; save each member's answers with their own run",
        )
        .into());
    }
    if args.explain {
        return Err(usage_problem(
            "--explain",
            "explains one set of answers; run it with one member's --answers file",
        )
        .into());
    }
    let expected = args
        .expect
        .as_deref()
        .map(|expected| resolve_alternative(model, expected))
        .transpose()?;
    let (_, record) = advise_requests(args);
    // The record's charts go beside it, as for one person's record.
    let charts = crate::app::chart_requests(record.as_ref());
    let requests: Vec<Request<'_>> = record
        .iter()
        .chain(charts.iter().map(|(request, _)| request))
        .cloned()
        .collect();
    outputs::check(&requests)?;
    let missing = if args.defaults {
        MissingAnswers::UseDefaults
    } else {
        MissingAnswers::Reject
    };
    let paths = member_files(&args.answers)?;
    let mut members: Vec<Member> = Vec::with_capacity(paths.len());
    for path in &paths {
        let name = member_name(path);
        if members.iter().any(|member| member.name == name) {
            return Err(usage_problem(
                "--answers",
                &format!(
                    "two answers files are named {}; a member is named by the file's name, so give each member a file of their own name",
                    crate::untrusted::escaped(&name)
                ),
            )
            .into());
        }
        let source = SourceFile::read_option(path, "--answers").map_err(InputError::from)?;
        let answers = Answers::from_source(model, &source, missing)?;
        members.push(Member { name, answers });
    }
    let method = match args.method.unwrap_or(MethodArg::Wsm) {
        MethodArg::Wsm => Method::WeightedSum,
        MethodArg::Wpm => Method::WeightedProduct,
        MethodArg::Topsis => Method::Topsis,
    };
    let sampling = crate::app::sampling(args, method);
    let decided = team::decide(model, members, method, sampling.as_ref())
        .map_err(|err| method_problem(model, &err))?;
    let shown = for_format(model, cli.format);
    let mut files = Vec::new();
    if let Some(request) = record {
        let command = crate::app::reproduce_command(cli, args);
        let shown_model = model.for_people();
        let mut content = Vec::new();
        report::team::write_record(
            &mut content,
            &shown_model,
            &decided,
            &today(),
            &command,
            Some(&request.path),
        )?;
        files.push(Output {
            note: crate::app::record_note(&request, &charts),
            request,
            content,
        });
        for (request, chart) in charts {
            let content = report::team::chart_file(&shown_model, &decided, chart);
            files.push(Output {
                request,
                content,
                note: String::new(),
            });
        }
    }
    crate::app::deliver(&files, |out| {
        report::team::write(out, cli.format, &shown, &decided, layout)
    })?;
    Ok(outcome_code(
        model,
        &decided.assessment.verdict,
        decided.stability,
        expected,
        args.require_decisive,
    ))
}

/// The answers files: each named file, and each `.yaml`/`.yml` file of a
/// named folder in name order (hidden files skipped, as in a criteria
/// folder). Standard input holds one document, so `-` is refused here.
fn member_files(given: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut paths = Vec::new();
    for path in given {
        if path.as_os_str() == "-" {
            return Err(usage_problem(
                "--answers",
                "standard input (`-`) holds one member's answers; name a file for each member",
            ));
        }
        if !path.is_dir() {
            paths.push(path.clone());
            continue;
        }
        let listing = std::fs::read_dir(path).map_err(|err| {
            usage_problem(
                "--answers",
                &format!(
                    "cannot read the folder {}: {err}",
                    crate::untrusted::path(path)
                ),
            )
        })?;
        let mut found: Vec<PathBuf> = listing
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|entry| {
                let hidden = entry
                    .file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with('.'));
                let yaml = entry
                    .extension()
                    .is_some_and(|extension| extension == "yaml" || extension == "yml");
                yaml && !hidden
            })
            .collect();
        if found.is_empty() {
            // Named by the folder first, like every problem with a file.
            return Err(crate::problem::Problem::in_file(
                &path.display().to_string(),
                "is a folder with no .yaml or .yml answers file in it (--answers takes a file, or a folder of team members' answers files)".to_owned(),
            )
            .into());
        }
        found.sort();
        paths.extend(found);
    }
    Ok(paths)
}

/// A member's name: the file's stem (`alice` for `team/alice.yaml`).
fn member_name(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
