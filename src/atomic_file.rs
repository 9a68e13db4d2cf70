//! Writing a file so that it is either wholly the new content or untouched.
//!
//! The content goes to a temporary file in the same folder, which is synced
//! and then renamed over the target: a full disk, a crash or Ctrl-C midway
//! leaves the old file as it was and no half-written one.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Context;

/// An error writing a file the user asked for; exits with the I/O code.
#[derive(Debug)]
pub struct WriteError {
    pub path: String,
    pub source: io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}: {}", self.path, self.source)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

pub fn write(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    let fail = |source: io::Error| WriteError {
        path: path.display().to_string(),
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".pick-stack-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(fail)?;
    temporary.write_all(content).map_err(fail)?;
    temporary.as_file().sync_all().map_err(fail)?;
    temporary
        .persist(path)
        .map_err(|err| fail(err.error))
        .with_context(|| format!("saving {}", path.display()))?;
    Ok(())
}
