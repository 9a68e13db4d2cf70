//! Writing files so that either every one is wholly new or every one is as
//! it was.
//!
//! Each file's content goes to a temporary file in its own folder (so the
//! rename cannot cross file systems), given the mode and owner of the file
//! it replaces, and synced. Only when every file is staged, and the caller's
//! own step between (writing the report to standard output) has succeeded,
//! are they put in place, with SIGINT, SIGTERM and SIGHUP held back so that
//! the step cannot be cut in two. A failure before that removes the
//! temporary files and changes nothing; a failure while putting them in
//! place puts back the ones already in place (see [`write_all`]). A signal
//! before that step removes the temporary files ([`crate::signal_cleanup`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::signal_cleanup::{Cleanup, Registered, with_signals_held};

/// An error writing a file the user asked for; exits with the I/O code.
#[derive(Debug)]
pub struct WriteError {
    pub path: String,
    pub source: io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}", self.path)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The file a new one replaces: what the new one keeps, and how to tell
/// that it is still the same file when the new one is put in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Existing {
    /// Permission bits, setuid, setgid and sticky included.
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub device: u64,
    pub inode: u64,
}

impl Existing {
    pub fn of(metadata: &fs::Metadata) -> Self {
        Self {
            mode: metadata.mode() & 0o7777,
            uid: metadata.uid(),
            gid: metadata.gid(),
            device: metadata.dev(),
            inode: metadata.ino(),
        }
    }

    fn is_same_file(&self, other: &Existing) -> bool {
        (self.device, self.inode) == (other.device, other.inode)
    }
}

/// One file to put in place.
#[derive(Debug)]
pub struct Planned<'a> {
    /// The path as the user named it, for messages.
    pub shown: String,
    /// The path written: a link the user named is followed to its file.
    pub path: PathBuf,
    /// The file there now, replaced keeping its mode and owner; `None` for
    /// a new file, which must still be absent when it is put in place.
    pub existing: Option<Existing>,
    pub content: &'a [u8],
}

/// A file's content under a temporary name beside it, synced, not yet in
/// place.
struct Staged {
    temporary: PathBuf,
    registered: Option<Registered>,
}

/// What putting one file in place did, to be undone if a later one fails.
enum Done {
    /// A new file: undone by removing it.
    Created(PathBuf),
    /// A replaced file whose earlier content is linked at `backup`: undone
    /// by renaming that back.
    Replaced { path: PathBuf, backup: PathBuf },
    /// A replaced file whose earlier content could not be linked (a file
    /// system without hard links): it cannot be undone.
    ReplacedForGood(io::Error),
    /// The last file put in place: nothing comes after it to fail.
    Last,
}

/// Writes every file in `files`, running `between` once all are staged and
/// before any is put in place.
///
/// - A failure while staging (no such folder, no permission, a full disk)
///   or an error from `between` removes every temporary file: no file is
///   touched.
/// - Then the files are put in place, new files first (so that a file that
///   appeared meanwhile fails before anything is replaced), each replaced
///   file but the last keeping a hard link to its earlier content. If one
///   fails, those already in place are put back (a new file removed, a
///   replaced file's earlier content renamed back), and the error says so;
///   if putting one back fails too, the error names the backup that holds
///   its earlier content. On a file system without hard links there is no
///   backup, and the error says that the file cannot be put back.
pub fn write_all(
    files: &[Planned<'_>],
    between: impl FnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let cleanup = Cleanup::install();
    let mut staged: Vec<Staged> = Vec::with_capacity(files.len());
    for file in files {
        match stage(cleanup.as_ref(), file) {
            Ok(one) => staged.push(one),
            Err(source) => {
                discard(cleanup.as_ref(), staged);
                return Err(WriteError {
                    path: file.shown.clone(),
                    source,
                }
                .into());
            }
        }
    }
    if let Err(err) = between() {
        discard(cleanup.as_ref(), staged);
        return Err(err);
    }
    // Held back, a signal cannot stop the process between two renames; it
    // arrives once every file is in place (or put back).
    with_signals_held(|| put_in_place(cleanup.as_ref(), files, staged))
}

fn put_in_place(
    cleanup: Option<&Cleanup>,
    files: &[Planned<'_>],
    staged: Vec<Staged>,
) -> anyhow::Result<()> {
    // New files first: linking one fails if a file appeared there, and
    // nothing has been replaced yet.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&index| files[index].existing.is_some());
    let mut staged: Vec<Option<Staged>> = staged.into_iter().map(Some).collect();
    let mut done: Vec<(usize, Done)> = Vec::new();
    for (position, &index) in order.iter().enumerate() {
        let file = &files[index];
        let Some(one) = staged[index].take() else {
            continue;
        };
        let last = position + 1 == order.len();
        match put_one(file, &one, last) {
            Ok(step) => {
                forget(cleanup, one);
                done.push((index, step));
            }
            Err(source) => {
                let _ = fs::remove_file(&one.temporary);
                forget(cleanup, one);
                discard(cleanup, staged.into_iter().flatten().collect());
                let undone = undo(files, done);
                let error = anyhow::Error::new(WriteError {
                    path: file.shown.clone(),
                    source,
                });
                return Err(match undone {
                    Some(report) => error.context(report),
                    None => error,
                });
            }
        }
    }
    for (_, step) in &done {
        if let Done::Replaced { backup, .. } = step {
            let _ = fs::remove_file(backup);
        }
    }
    sync_folders(files);
    Ok(())
}

/// Puts one staged file in place.
fn put_one(file: &Planned<'_>, staged: &Staged, last: bool) -> io::Result<Done> {
    match file.existing {
        None => {
            link_new(&staged.temporary, &file.path)?;
            let _ = fs::remove_file(&staged.temporary);
            Ok(Done::Created(file.path.clone()))
        }
        Some(existing) => {
            // The file checked before writing must still be the one there:
            // something put in its place meanwhile (a device node, a FIFO,
            // another file) is not what the user asked to replace.
            let now = Existing::of(&fs::symlink_metadata(&file.path)?);
            if !now.is_same_file(&existing) {
                return Err(io::Error::other(
                    "another file was put there while pick-stack was writing",
                ));
            }
            let backup = if last {
                None
            } else {
                let backup = sibling_name(&file.path, "bak", 0);
                Some(fs::hard_link(&file.path, &backup).map(|()| backup))
            };
            if let Err(err) = fs::rename(&staged.temporary, &file.path) {
                if let Some(Ok(backup)) = backup {
                    let _ = fs::remove_file(backup);
                }
                return Err(err);
            }
            Ok(match backup {
                Some(Ok(backup)) => Done::Replaced {
                    path: file.path.clone(),
                    backup,
                },
                Some(Err(err)) => Done::ReplacedForGood(err),
                None => Done::Last,
            })
        }
    }
}

/// Links `temporary` to `path`, which never replaces a file there. A file
/// system without hard links gets a rename after a check, which is the
/// best it allows.
fn link_new(temporary: &Path, path: &Path) -> io::Result<()> {
    match fs::hard_link(temporary, path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a file appeared there while pick-stack was writing",
        )),
        Err(err) => match fs::symlink_metadata(path) {
            Err(missing) if missing.kind() == io::ErrorKind::NotFound => {
                fs::rename(temporary, path)
            }
            _ => Err(err),
        },
    }
}

/// Undoes what was put in place, latest first; `None` when nothing was,
/// else what happened, for the error.
fn undo(files: &[Planned<'_>], done: Vec<(usize, Done)>) -> Option<String> {
    if done.is_empty() {
        return None;
    }
    let mut restored = Vec::new();
    let mut lost = Vec::new();
    for (index, step) in done.into_iter().rev() {
        let shown = &files[index].shown;
        let outcome = match &step {
            Done::Created(path) => fs::remove_file(path).map_err(|err| (err, None)),
            Done::Replaced { path, backup } => {
                fs::rename(backup, path).map_err(|err| (err, Some(backup.clone())))
            }
            Done::ReplacedForGood(err) => {
                lost.push(format!(
                    "{shown} was already replaced and cannot be put back (its earlier content could not be kept: {err})"
                ));
                continue;
            }
            // Never undone: a failure comes after everything else.
            Done::Last => Ok(()),
        };
        match outcome {
            Ok(()) => restored.push(shown.clone()),
            Err((err, Some(backup))) => lost.push(format!(
                "{shown} could not be put back ({err}); its earlier content is in {}",
                backup.display()
            )),
            Err((err, None)) => lost.push(format!("{shown} could not be removed again ({err})")),
        }
    }
    let mut report = Vec::new();
    if !restored.is_empty() {
        report.push(format!("{} put back as it was", restored.join(" and ")));
    }
    report.extend(lost);
    Some(report.join("; "))
}

/// Writes `file`'s content to a new temporary file beside it, with the
/// replaced file's owner and mode, and syncs it.
fn stage(cleanup: Option<&Cleanup>, file: &Planned<'_>) -> io::Result<Staged> {
    // A file that replaces another is created readable by its owner only,
    // and takes the other's mode once its owner is set; a new file gets
    // the usual mode under the umask.
    let mode = if file.existing.is_some() {
        0o600
    } else {
        0o666
    };
    let (temporary, mut handle, registered) =
        with_signals_held(|| create_temporary(cleanup, &file.path, mode))?;
    let staged = Staged {
        temporary,
        registered,
    };
    let written = handle
        .write_all(file.content)
        .and_then(|()| match &file.existing {
            Some(existing) => keep_owner_and_mode(&handle, existing),
            None => Ok(()),
        })
        .and_then(|()| handle.sync_all());
    match written {
        Ok(()) => Ok(staged),
        Err(err) => {
            discard(cleanup, vec![staged]);
            Err(err)
        }
    }
}

fn keep_owner_and_mode(handle: &File, existing: &Existing) -> io::Result<()> {
    let own = handle.metadata()?;
    // The owner first: changing it can clear setuid and setgid bits, which
    // the mode then sets again.
    if (own.uid(), own.gid()) != (existing.uid, existing.gid) {
        std::os::unix::fs::fchown(handle, Some(existing.uid), Some(existing.gid)).map_err(
            |err| {
                io::Error::new(
                    err.kind(),
                    format!(
                        "cannot keep its owner (uid {}, gid {}): {err}",
                        existing.uid, existing.gid
                    ),
                )
            },
        )?;
    }
    handle.set_permissions(fs::Permissions::from_mode(existing.mode))
}

/// Creates a new, uniquely named file beside `path`, registered for
/// removal by a signal.
fn create_temporary(
    cleanup: Option<&Cleanup>,
    path: &Path,
    mode: u32,
) -> io::Result<(PathBuf, File, Option<Registered>)> {
    let mut attempt = 0;
    loop {
        let candidate = sibling_name(path, "tmp", attempt);
        // Registered before it exists, so that no moment has the file
        // without the registration; signals are held meanwhile, so a
        // registration for a name someone else holds is never acted on.
        let registered = cleanup.and_then(|cleanup| cleanup.register(&candidate));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file, registered)),
            Err(err) => {
                if let (Some(cleanup), Some(registered)) = (cleanup, registered) {
                    cleanup.forget(registered);
                }
                if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 {
                    attempt += 1;
                } else {
                    return Err(err);
                }
            }
        }
    }
}

/// A hidden name beside `path` ending in `.tmp` or `.bak`. It keeps at
/// most 32 bytes of the file's own name, so that a file whose name is near
/// the 255-byte limit still gets one.
fn sibling_name(path: &Path, suffix: &str, attempt: u32) -> PathBuf {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |name| name.to_string_lossy());
    let mut end = name.len().min(32);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |time| time.subsec_nanos());
    folder.join(format!(
        ".{}.{}-{seed:x}-{attempt}.{suffix}",
        &name[..end],
        std::process::id()
    ))
}

/// Removes staged files that will not be put in place.
fn discard(cleanup: Option<&Cleanup>, staged: Vec<Staged>) {
    for one in staged {
        // Best effort: the write already failed, and that is what to report.
        let _ = fs::remove_file(&one.temporary);
        forget(cleanup, one);
    }
}

fn forget(cleanup: Option<&Cleanup>, staged: Staged) {
    if let (Some(cleanup), Some(registered)) = (cleanup, staged.registered) {
        cleanup.forget(registered);
    }
}

/// Syncs each folder a file was put in, so that the renames survive a
/// crash; best effort, as the files themselves are synced.
fn sync_folders(files: &[Planned<'_>]) {
    let mut folders: Vec<&Path> = files.iter().filter_map(|file| file.path.parent()).collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        if let Ok(handle) = File::open(folder) {
            let _ = handle.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned<'a>(path: &Path, content: &'a [u8]) -> Planned<'a> {
        let existing = fs::metadata(path)
            .ok()
            .map(|metadata| Existing::of(&metadata));
        Planned {
            shown: path.display().to_string(),
            path: path.to_owned(),
            existing,
            content,
        }
    }

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("answers.yaml");
        fs::write(&path, "a much longer old content\n").unwrap();
        write_all(&[planned(&path, b"new\n")], || Ok(())).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(names(folder.path()), ["answers.yaml"]);
    }

    #[test]
    fn keeps_the_mode_of_the_file_it_replaces() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("answers.yaml");
        fs::write(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_all(&[planned(&path, b"new\n")], || Ok(())).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().mode() & 0o7777, 0o640);
    }

    #[test]
    fn a_new_file_never_replaces_one_that_appeared() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("0001-record.md");
        let plan = planned(&path, b"second\n");
        fs::write(&path, "first\n").unwrap();
        let err = write_all(&[plan], || Ok(())).unwrap_err();
        let write_error = err.downcast_ref::<WriteError>().unwrap();
        assert_eq!(write_error.source.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "first\n");
        assert_eq!(names(folder.path()), ["0001-record.md"]);
    }

    #[test]
    fn a_failure_between_writes_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("answers.yaml");
        fs::write(&path, "old\n").unwrap();
        let new = folder.path().join("record.md");
        let err = write_all(&[planned(&path, b"new\n"), planned(&new, b"r\n")], || {
            Err(anyhow::anyhow!("the report could not be written"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "the report could not be written");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(names(folder.path()), ["answers.yaml"]);
    }

    #[test]
    fn a_late_failure_puts_back_what_was_written() {
        let folder = tempfile::tempdir().unwrap();
        let answers = folder.path().join("answers.yaml");
        fs::write(&answers, "old answers\n").unwrap();
        let record = folder.path().join("record.md");
        fs::write(&record, "old record\n").unwrap();
        // The record was checked as another file than the one there when it
        // is put in place: the answers go in first (both replace, in
        // order), the record fails, and the answers are put back.
        let mut plan_record = planned(&record, b"new record\n");
        let checked = plan_record.existing.unwrap();
        plan_record.existing = Some(Existing {
            inode: checked.inode.wrapping_add(1),
            ..checked
        });
        let err = write_all(&[planned(&answers, b"new answers\n"), plan_record], || {
            Ok(())
        })
        .unwrap_err();
        let message = format!("{err:#}");
        assert!(message.contains("put back as it was"), "{message}");
        assert_eq!(fs::read_to_string(&answers).unwrap(), "old answers\n");
        assert_eq!(fs::read_to_string(&record).unwrap(), "old record\n");
        assert_eq!(names(folder.path()), ["answers.yaml", "record.md"]);
    }

    #[test]
    fn a_long_name_gets_a_short_temporary_name() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(format!("{}.yaml", "a".repeat(245)));
        write_all(&[planned(&path, b"x\n")], || Ok(())).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "x\n");
        let temporary = sibling_name(&path, "tmp", 99);
        assert!(temporary.file_name().unwrap().len() < 80);
    }

    #[test]
    fn a_missing_folder_fails_and_leaves_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let err = write_all(
            &[planned(&folder.path().join("missing/answers.yaml"), b"x")],
            || Ok(()),
        )
        .unwrap_err();
        let write_error = err.downcast_ref::<WriteError>().unwrap();
        assert_eq!(write_error.source.kind(), io::ErrorKind::NotFound);
        assert!(names(folder.path()).is_empty());
    }
}
