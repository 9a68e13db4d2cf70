//! `weigh` for a group: several comparisons files, one a member, combined
//! by the element-wise geometric mean of the judgements (aggregation of
//! individual judgements, Forman & Peniwati 1998), whose principal
//! eigenvector gives the group's weights:
//!
//! ```text
//! a_group[i][j] = (Π_m a_m[i][j])^(1/M)
//! ```
//!
//! The geometric mean keeps the matrix reciprocal (a_group[j][i] =
//! 1 / a_group[i][j]), which an arithmetic mean would not. Every member
//! must compare the same criteria, so that each cell has M judgements.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::Model;
use crate::problem::{InputError, Problem};
use crate::source::SourceFile;
use crate::weigh::{self, Weighing};

/// One member of a group: the comparisons file's stem and the consistency
/// ratio of their own judgements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberJudgements {
    pub name: String,
    pub consistency_ratio: Option<f64>,
}

/// Reads each file as one member's judgements and combines them.
pub fn from_files(model: &Model, paths: &[PathBuf]) -> Result<Weighing, InputError> {
    let mut members = Vec::with_capacity(paths.len());
    for path in paths {
        if path.as_os_str() == "-" {
            return Err(Problem::in_file(
                "--comparisons",
                "standard input (`-`) holds one member's judgements; name a file for each member"
                    .to_owned(),
            )
            .into());
        }
        let source = SourceFile::read_option(path, "--comparisons")?;
        members.push((name_of(path), weigh::from_source(model, &source)?));
    }
    combine(model, members, paths)
        .map_err(|message| Problem::in_file("--comparisons", message).into())
}

fn name_of(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The group's weighing from its members' (at least one), or why the
/// judgements cannot be combined.
pub fn combine(
    model: &Model,
    members: Vec<(String, Weighing)>,
    paths: &[PathBuf],
) -> Result<Weighing, String> {
    let first = &members[0].1;
    let size = first.criteria.len();
    let mut product = vec![vec![0.0f64; size]; size];
    for (index, (_, weighing)) in members.iter().enumerate() {
        let mut same = weighing.criteria.clone();
        same.sort_unstable();
        let mut wanted = first.criteria.clone();
        wanted.sort_unstable();
        if same != wanted {
            let ids = |criteria: &[usize]| {
                criteria
                    .iter()
                    .map(|&c| format!("`{}`", crate::problem::shown(&model.criteria[c].id)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(format!(
                "{} compares {}, but {} compares {}; every member of a group must compare the same criteria",
                crate::untrusted::path(&paths[index]),
                ids(&weighing.criteria),
                crate::untrusted::path(&paths[0]),
                ids(&first.criteria),
            ));
        }
        // The member's matrix in the first member's order of criteria.
        let at: Vec<usize> = first
            .criteria
            .iter()
            .map(|criterion| {
                weighing
                    .criteria
                    .iter()
                    .position(|c| c == criterion)
                    .unwrap_or_default()
            })
            .collect();
        for i in 0..size {
            for j in 0..size {
                product[i][j] += weighing.matrix[at[i]][at[j]].ln();
            }
        }
    }
    let count = members.len() as f64;
    let matrix = product
        .into_iter()
        .map(|row| row.into_iter().map(|sum| (sum / count).exp()).collect())
        .collect();
    let mut group = Weighing::new(first.criteria.clone(), matrix);
    group.members = members
        .into_iter()
        .map(|(name, weighing)| MemberJudgements {
            name,
            consistency_ratio: weighing.priorities.consistency_ratio,
        })
        .collect();
    Ok(group)
}

/// The line every format shows under a group's weights.
pub fn note(weighing: &Weighing) -> String {
    let ratio = |ratio: Option<f64>| match ratio {
        Some(ratio) if ratio > crate::engine::ahp::CONSISTENCY_LIMIT => {
            format!(
                "{ratio:.3} (above {})",
                crate::engine::ahp::CONSISTENCY_LIMIT
            )
        }
        Some(ratio) => format!("{ratio:.3}"),
        None => "none (more than 10 criteria)".to_owned(),
    };
    let members: Vec<String> = weighing
        .members
        .iter()
        .map(|member| {
            format!(
                "{} {}",
                crate::untrusted::escaped(&member.name),
                ratio(member.consistency_ratio)
            )
        })
        .collect();
    format!(
        "Group judgements: the geometric mean of {} members' judgements, pair by pair (aggregation of individual judgements). Consistency ratio: {}; the group's {}.",
        weighing.members.len(),
        members.join(", "),
        ratio(weighing.priorities.consistency_ratio)
    )
}
