//! Writing a file so that it is either wholly the new content or untouched.
//!
//! The content goes to a temporary file in the same folder (so the rename
//! cannot cross file systems), which is synced and then renamed over the
//! target: a full disk, a crash or Ctrl-C midway leaves the old file as it
//! was, and a failed write removes its temporary file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

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

pub fn write(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    write_via_temporary(path, content).map_err(|source| WriteError {
        path: path.display().to_string(),
        source,
    })
}

/// Like [`write`], but fails with `AlreadyExists` instead of replacing a
/// file that is there, even one created while this was writing: the
/// temporary file is hard-linked into place, which never replaces.
pub fn write_new(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    write_via_temporary_no_clobber(path, content).map_err(|source| WriteError {
        path: path.display().to_string(),
        source,
    })
}

fn write_via_temporary_no_clobber(path: &Path, content: &[u8]) -> io::Result<()> {
    let (temporary_path, mut file) = create_temporary(path)?;
    let written = file
        .write_all(content)
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::hard_link(&temporary_path, path));
    // Either way the temporary name goes: on success the content lives on
    // under `path`.
    let _ = fs::remove_file(&temporary_path);
    written
}

fn write_via_temporary(path: &Path, content: &[u8]) -> io::Result<()> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        ));
    }
    let (temporary_path, mut file) = create_temporary(path)?;
    let written = file
        .write_all(content)
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&temporary_path, path));
    if written.is_err() {
        // Best effort: the write already failed, and that is what to report.
        let _ = fs::remove_file(&temporary_path);
    }
    written
}

/// Creates a new, uniquely named file beside `path`.
fn create_temporary(path: &Path) -> io::Result<(PathBuf, File)> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |name| name.to_string_lossy());
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |time| time.subsec_nanos());
    let mut attempt = 0;
    loop {
        let candidate = folder.join(format!(
            ".{name}.{}-{seed:x}-{attempt}.tmp",
            std::process::id()
        ));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(err) => return Err(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("answers.yaml");
        fs::write(&path, "a much longer old content\n").unwrap();
        write(&path, b"new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn write_new_never_replaces() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("0001-record.md");
        write_new(&path, b"first\n").unwrap();
        let err = write_new(&path, b"second\n").unwrap_err();
        assert_eq!(err.source.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "first\n");
        assert_eq!(fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let folder = tempfile::tempdir().unwrap();
        let err = write(&folder.path().join("missing/answers.yaml"), b"x").unwrap_err();
        assert_eq!(err.source.kind(), io::ErrorKind::NotFound);
        let err = write(folder.path(), b"x").unwrap_err();
        assert!(err.to_string().starts_with("cannot write"));
    }
}
