//! Files in and out, bounded and honest (docs/limits.md).
//!
//! Reading: only regular files are read, opened so that a FIFO or a device cannot block
//! the open, and never more than a limit's worth of bytes; text must be UTF-8, and the
//! first byte that is not is reported by its line and column.
//!
//! Writing: a failure never leaves a partial file (write a temporary file beside the
//! target, flush it to disk, then rename it into place). Which targets may be replaced is
//! decided by [`crate::export::check_target`] for every output.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Largest case profile file (and each file of an import), in bytes.
pub const MAX_PROFILE_BYTES: u64 = 4 * 1024 * 1024;
/// Largest court style file, in bytes.
pub const MAX_STYLE_BYTES: u64 = 256 * 1024;
/// Largest template file, in bytes (see [`crate::template::MAX_TEMPLATE_BYTES`]).
pub const MAX_TEMPLATE_BYTES: u64 = crate::template::MAX_TEMPLATE_BYTES as u64;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path is a folder or a special file (pipe, device, socket), not a regular file.
    #[error("{path}: is {kind}, not a regular file; Drafter reads only ordinary files")]
    NotRegular {
        /// The file.
        path: PathBuf,
        /// What it is instead, with its article ("a folder").
        kind: &'static str,
    },
    /// The file is larger than the limit for its kind (docs/limits.md).
    #[error(
        "{path}: {what} may be at most {limit} bytes, and this one is larger (see docs/limits.md)"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What kind of file it is, for the message ("a case profile").
        what: &'static str,
        /// The largest size allowed, in bytes.
        limit: u64,
    },
    /// The file is not UTF-8 text.
    #[error("{path}:{line}:{column}: not UTF-8 text (byte 0x{byte:02X})")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The line of the first invalid byte.
        line: usize,
        /// Its column in that line.
        column: usize,
        /// The first invalid byte.
        byte: u8,
    },
    /// Opening or reading the file failed.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl ReadError {
    /// The underlying I/O error, if the file system refused.
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            ReadError::Io { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}

/// What kind of thing a file type is, in words, when it is not a regular file.
fn irregular_kind(ft: std::fs::FileType) -> Option<&'static str> {
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if ft.is_char_device() {
            return Some("a character device");
        }
        if ft.is_block_device() {
            return Some("a block device");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens a file for reading without blocking on a FIFO or device, and refuses anything
/// but a regular file.
fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(target_os = "linux"))]
    {
        // Without O_NONBLOCK at hand, look before opening.
        let meta = std::fs::metadata(path).map_err(io)?;
        if let Some(kind) = irregular_kind(meta.file_type()) {
            return Err(ReadError::NotRegular {
                path: path.to_path_buf(),
                kind,
            });
        }
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if let Some(kind) = irregular_kind(meta.file_type()) {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind,
        });
    }
    Ok(file)
}

/// Reads at most `limit` bytes of a regular file; `what` names it in the message.
pub fn read_bytes(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            what,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text.
pub fn read_text(path: &Path, limit: u64, what: &'static str) -> Result<String, ReadError> {
    let bytes = read_bytes(path, limit, what)?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let (line, column) = byte_line_col(bytes, at);
        ReadError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
            byte: bytes[at],
        }
    })
}

/// 1-based line and column (in characters) of byte `at`, where everything before it is
/// valid UTF-8.
pub fn byte_line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".drafter-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_placed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        std::fs::write(&p, b"{\n  \"a\": \"\xc3\xa9\xff\"\n}").unwrap();
        let e = read_text(&p, 100, "a profile").unwrap_err().to_string();
        assert!(
            e.ends_with("x.json:2:10: not UTF-8 text (byte 0xFF)"),
            "{e}"
        );
    }

    #[test]
    fn limits_are_enforced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        std::fs::write(&p, vec![b'a'; 11]).unwrap();
        assert!(read_bytes(&p, 11, "a file").is_ok());
        assert!(matches!(
            read_bytes(&p, 10, "a file"),
            Err(ReadError::TooLarge { limit: 10, .. })
        ));
        assert!(matches!(
            read_bytes(dir.path(), 10, "a file"),
            Err(ReadError::NotRegular {
                kind: "a folder",
                ..
            })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_not_read() {
        let null = Path::new("/dev/null");
        assert!(matches!(
            read_bytes(null, 10, "a file"),
            Err(ReadError::NotRegular { .. })
        ));
    }
}
