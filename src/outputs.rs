//! The files a command writes (`advise --save-answers`, `advise --adr`,
//! `weigh --save`): which paths it may write, checked before anything is
//! asked, and writing them all together with the report.
//!
//! A path is written only when it is, or will be, a regular file that the
//! command is allowed to replace:
//!
//! - `-` is refused: standard output carries the report.
//! - A device, FIFO, socket or directory is refused, and so is a symbolic
//!   link, to anything: a shared repository could point one anywhere, and
//!   `--force` would then replace a file outside it. (Links among the
//!   folders above the file are followed, as the user named them.)
//! - A read-only file is refused (even for root, who could write it), and
//!   so is a file of another user, whose owner a replacement could not keep.
//! - What a file may hold is [`Replaces`]: an answers file replaces only a
//!   pick-stack answers document unless `--force` is given; a decision
//!   record, and each chart written beside it, replaces nothing unless
//!   `--force` is given.
//! - Two outputs may not name one file (compared after following links, and
//!   by device and inode), and no output may be the file standard output
//!   is redirected to.
//!
//! Refusals are input errors (exit 2); a folder that is missing or not
//! writable is an I/O error (exit 5), as writing into it would be. A
//! decision record is the exception for a missing folder: ADR tools keep
//! records in a folder of their own (`docs/adr/`) and create it, and so
//! does `--adr`, under the nearest folder that exists, once every output
//! is computed and just before the files are written (see [`write`]).

use std::borrow::Cow;
use std::ffi::CString;
use std::fs;
use std::io;
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::atomic_file::{self, Existing, Planned, WriteError};
use crate::model::document::AnswersDocument;
use crate::problem::{InputError, Problem};
use crate::source::{SourceFile, file_kind};

/// What a file already at an output's path may be for the output to
/// replace it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaces {
    /// Nothing: `what` ("a decision record") is never written over an
    /// existing file.
    Nothing { what: &'static str },
    /// A pick-stack answers file: an empty file, or one that parses as an
    /// answers document (nothing but `answers:` and `weights:`), whatever
    /// criteria its ids belong to.
    AnswersFile,
    /// Any regular file (`--force`).
    AnyRegularFile,
}

/// A file a command is asked to write.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The option that names it, for messages: `--save-answers`.
    pub option: &'static str,
    /// As named on the command line, or worked out from such a path (a
    /// decision record's charts beside it).
    pub path: Cow<'a, Path>,
    pub replaces: Replaces,
    /// Whether the folders missing on the way to the file are created.
    pub creates_folders: bool,
}

/// A file a command writes, with its content computed.
#[derive(Debug)]
pub struct Output<'a> {
    pub request: Request<'a>,
    pub content: Vec<u8>,
    /// Said on standard error once the file is in place; empty when
    /// another output's note names this file too.
    pub note: String,
}

/// A path checked for writing.
#[derive(Debug)]
pub struct Target {
    option: &'static str,
    shown: String,
    /// Where the content goes: absolute, links followed.
    path: PathBuf,
    /// The file there now.
    pub existing: Option<Existing>,
    /// The folders to create before the file can be written, outermost
    /// first (absolute), and the folder as the user named it.
    missing_folders: Option<(Vec<PathBuf>, String)>,
}

impl Target {
    /// The file the content replaces or creates, links followed.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Checks every request and that no two name one file, or the file
/// standard output goes to.
pub fn check(requests: &[Request<'_>]) -> anyhow::Result<Vec<Target>> {
    let mut targets = Vec::with_capacity(requests.len());
    for request in requests {
        targets.push(inspect(request)?);
    }
    for (later, target) in targets.iter().enumerate() {
        if let Some(earlier) = targets[..later]
            .iter()
            .find(|earlier| same_file(earlier, target))
        {
            return Err(refusal(
                &target.shown,
                format!(
                    "{} and {} name the same file; each output needs a file of its own",
                    earlier.option, target.option
                ),
            ));
        }
    }
    if let Some(standard_output) = standard_output_file()
        && let Some(target) = targets.iter().find(|target| {
            target
                .existing
                .is_some_and(|existing| (existing.device, existing.inode) == standard_output)
        })
    {
        return Err(refusal(
            &target.shown,
            format!(
                "standard output is redirected to this file, and {} would replace it; send the report elsewhere or name another file",
                target.option
            ),
        ));
    }
    Ok(targets)
}

/// Writes every output with the report: checks them again (minutes may
/// have passed at the prompts), stages every file, runs `report` (which
/// writes standard output), and only then puts the files in place, as
/// [`atomic_file::write_all`] describes. An error from `report` writes no
/// file. Each output's note follows on standard error.
pub fn write(
    outputs: &[Output<'_>],
    report: impl FnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let requests: Vec<Request<'_>> = outputs
        .iter()
        .map(|output| output.request.clone())
        .collect();
    let targets = check(&requests)?;
    let created = create_folders(&targets)?;
    let planned: Vec<Planned<'_>> = outputs
        .iter()
        .zip(&targets)
        .map(|(output, target)| Planned {
            shown: target.shown.clone(),
            path: target.path.clone(),
            existing: target.existing,
            content: &output.content,
        })
        .collect();
    let names: Vec<&str> = planned.iter().map(|file| file.shown.as_str()).collect();
    let not_written = format!(
        "the report could not be written, so {} {} not written",
        names.join(" and "),
        if names.len() == 1 { "was" } else { "were" }
    );
    let written = atomic_file::write_all(&planned, || {
        report().map_err(|err| err.context(not_written))
    });
    if let Err(err) = written {
        remove_folders(&created);
        return Err(err);
    }
    let mut said = Vec::new();
    for (_, shown) in targets
        .iter()
        .filter_map(|target| target.missing_folders.as_ref())
    {
        if !said.contains(&shown) {
            eprintln!("Created {shown}.");
            said.push(shown);
        }
    }
    // An output named by another's note (a record's charts) has none.
    for output in outputs.iter().filter(|output| !output.note.is_empty()) {
        eprintln!("{}", output.note);
    }
    Ok(())
}

fn refusal(file: &str, message: String) -> anyhow::Error {
    InputError::from(Problem::in_file(file, message)).into()
}

fn io_failure(shown: &str, source: io::Error) -> anyhow::Error {
    WriteError {
        path: shown.to_owned(),
        source,
    }
    .into()
}

fn inspect(request: &Request<'_>) -> anyhow::Result<Target> {
    let option = request.option;
    let path: &Path = &request.path;
    let shown = path.display().to_string();
    if path.as_os_str() == "-" {
        return Err(refusal(
            option,
            "`-` would be standard output, which carries the report; name a file (`./-` for a file called -)".into(),
        ));
    }
    if path.as_os_str().is_empty() {
        return Err(refusal(option, "the path is empty; name a file".into()));
    }
    let link = match fs::symlink_metadata(path) {
        Ok(link) => link,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return new_file(request, shown),
        Err(err) => return Err(io_failure(&shown, err)),
    };
    // A link is not followed, even with --force: a shared repository can
    // hold `docs/decision.md -> ~/.bashrc`, and a CI step that regenerates
    // the record would replace the file outside the checkout it points to.
    if link.file_type().is_symlink() {
        let target = fs::read_link(path).unwrap_or_default();
        return Err(refusal(
            &shown,
            format!(
                "is a symbolic link (to `{}`); {option} does not write through links, even with --force: name the file itself",
                crate::problem::shown_name(&target.to_string_lossy())
            ),
        ));
    }
    let metadata = link;
    if !metadata.is_file() {
        return Err(refusal(
            &shown,
            format!(
                "is {}, not a regular file; {option} writes only regular files",
                file_kind(metadata.file_type())
            ),
        ));
    }
    // Root may write any file, but a file nobody may write was made so on
    // purpose; replacing it would also take its read-only mode away.
    if metadata.mode() & 0o222 == 0 || !accessible(path, libc::W_OK) {
        return Err(refusal(
            &shown,
            format!("is read-only; {option} does not replace a read-only file"),
        ));
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let user = unsafe { libc::geteuid() };
    if user != 0 && metadata.uid() != user {
        return Err(refusal(
            &shown,
            format!(
                "belongs to another user (uid {}); {option} could not keep its owner when replacing it",
                metadata.uid()
            ),
        ));
    }
    match request.replaces {
        Replaces::Nothing { what } => {
            return Err(refusal(
                &shown,
                format!("{what} already exists here; pass --force to replace it"),
            ));
        }
        Replaces::AnswersFile => {
            if let Err(problem) =
                SourceFile::read(path).and_then(|source| source.parse::<AnswersDocument>())
            {
                return Err(refusal(
                    &shown,
                    format!(
                        "is not a pick-stack answers file ({problem}), so {option} does not replace it; pass --force to replace it"
                    ),
                ));
            }
        }
        Replaces::AnyRegularFile => {}
    }
    let resolved = fs::canonicalize(path).map_err(|err| io_failure(&shown, err))?;
    Ok(Target {
        option,
        shown,
        path: resolved,
        existing: Some(Existing::of(&metadata)),
        missing_folders: None,
    })
}

/// A path where nothing is yet: its folder must exist and be writable, or,
/// for a request that creates folders, the nearest folder on the way that
/// exists.
fn new_file(request: &Request<'_>, shown: String) -> anyhow::Result<Target> {
    let (option, path): (_, &Path) = (request.option, &request.path);
    let Some(name) = path.file_name() else {
        return Err(refusal(
            &shown,
            format!("names a folder; {option} needs a file name"),
        ));
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (folder, missing) = match fs::metadata(folder) {
        Err(err) if err.kind() == io::ErrorKind::NotFound && request.creates_folders => {
            let (existing, missing) =
                nearest_existing(folder).ok_or_else(|| io_failure(&shown, err))?;
            (existing, Some((missing, folder)))
        }
        _ => (folder, None),
    };
    let folder_metadata = fs::metadata(folder).map_err(|err| io_failure(&shown, err))?;
    if !folder_metadata.is_dir() {
        return Err(io_failure(
            &shown,
            io::Error::new(io::ErrorKind::NotADirectory, "Not a directory"),
        ));
    }
    if !accessible(folder, libc::W_OK | libc::X_OK) {
        return Err(io_failure(
            &shown,
            io::Error::from(io::ErrorKind::PermissionDenied),
        ));
    }
    let mut folder = fs::canonicalize(folder).map_err(|err| io_failure(&shown, err))?;
    let missing_folders = missing.map(|(names, named)| {
        let created = names
            .iter()
            .map(|name| {
                folder.push(name);
                folder.clone()
            })
            .collect();
        (created, format!("{}/", crate::untrusted::path(named)))
    });
    Ok(Target {
        option,
        shown,
        path: folder.join(name),
        existing: None,
        missing_folders,
    })
}

/// The nearest folder of `folder` (itself or an ancestor) that exists, and
/// the names of the folders below it to create, outermost first. `None`
/// when the missing part is not plain names (`..` under a missing folder).
fn nearest_existing(folder: &Path) -> Option<(&Path, Vec<&std::ffi::OsStr>)> {
    let mut missing = Vec::new();
    let mut existing = folder;
    loop {
        if existing.as_os_str().is_empty() {
            existing = Path::new(".");
        }
        if fs::symlink_metadata(existing).is_ok() {
            missing.reverse();
            return Some((existing, missing));
        }
        match existing.components().next_back()? {
            std::path::Component::Normal(name) => missing.push(name),
            _ => return None,
        }
        existing = existing.parent()?;
    }
}

/// Creates the folders the targets need, outermost first, and returns
/// those it created; on a failure removes them again.
fn create_folders(targets: &[Target]) -> anyhow::Result<Vec<PathBuf>> {
    let mut created = Vec::new();
    for target in targets {
        let Some((folders, _)) = &target.missing_folders else {
            continue;
        };
        for folder in folders {
            match fs::create_dir(folder) {
                Ok(()) => created.push(folder.clone()),
                // Another output's folder, or made meanwhile: either way there.
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists && folder.is_dir() => {}
                Err(err) => {
                    remove_folders(&created);
                    return Err(io_failure(&target.shown, err));
                }
            }
        }
    }
    Ok(created)
}

/// Removes folders [`create_folders`] made, innermost first, so that a
/// failed run leaves no trace; a folder something else was put in stays.
fn remove_folders(created: &[PathBuf]) {
    for folder in created.iter().rev() {
        let _ = fs::remove_dir(folder);
    }
}

/// Whether this process may use `path` as `mode` says (W_OK, X_OK), by
/// its effective user, as opening the file would be judged.
fn accessible(path: &Path, mode: libc::c_int) -> bool {
    let Ok(path) = CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a valid C string and plain flags.
    unsafe { libc::faccessat(libc::AT_FDCWD, path.as_ptr(), mode, libc::AT_EACCESS) == 0 }
}

fn same_file(a: &Target, b: &Target) -> bool {
    a.path == b.path
        || matches!((a.existing, b.existing), (Some(a), Some(b)) if (a.device, a.inode) == (b.device, b.inode))
}

/// The device and inode of the regular file standard output is redirected
/// to, if it is one.
fn standard_output_file() -> Option<(u64, u64)> {
    let handle = io::stdout().as_fd().try_clone_to_owned().ok()?;
    let metadata = fs::File::from(handle).metadata().ok()?;
    metadata.is_file().then(|| (metadata.dev(), metadata.ino()))
}
