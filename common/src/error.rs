//! The one error type of the suite. Its [`ErrorKind`] travels over the wire
//! (`{"error":{"message","kind"}}`), so a server-side "not found" stays one on the client.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What went wrong, in categories the user can act on (Teleport's `trace` kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is wrong: a flag, a file, a resource field.
    BadParameter,
    /// The named thing does not exist.
    NotFound,
    /// The named thing exists already.
    AlreadyExists,
    /// The caller is not allowed to do this.
    AccessDenied,
    /// The caller's credentials are missing, expired or from another cluster.
    Unauthenticated,
    /// The server cannot be reached or talked to.
    ConnectionProblem,
    /// The state does not allow it (e.g. removing a static token).
    CompareFailed,
    /// Too much: a rate or size limit was hit.
    LimitExceeded,
    /// The server does not implement what was asked.
    NotImplemented,
    /// Something broke that the user cannot fix.
    Internal,
}

impl ErrorKind {
    /// Returns the HTTP status the server answers with for this kind.
    pub fn http_status(self) -> u16 {
        match self {
            Self::BadParameter => 400,
            Self::Unauthenticated => 401,
            Self::AccessDenied => 403,
            Self::NotFound => 404,
            Self::AlreadyExists | Self::CompareFailed => 409,
            Self::LimitExceeded => 429,
            Self::NotImplemented => 501,
            Self::ConnectionProblem => 502,
            Self::Internal => 500,
        }
    }
}

/// An error with a kind, a message for the user and, where it helps, a hint.
///
/// Messages never contain secrets: callers name tokens by their redacted form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
    exit_code: Option<u8>,
}

impl Error {
    /// Creates an error of the given kind.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            hint: None,
            exit_code: None,
        }
    }

    /// The end of a remote command that exited with `code`: nothing to print, only the code
    /// to pass on (`tsh ssh node false` exits 1 like the command).
    pub fn remote_exit(code: u8) -> Self {
        Self::new(ErrorKind::Internal, "").with_exit_code(code)
    }

    /// Sets the exit code the binary ends with (instead of 1).
    #[must_use]
    pub fn with_exit_code(mut self, code: u8) -> Self {
        self.exit_code = Some(code);
        self
    }

    /// The exit code the binary should end with, when not the usual 1.
    pub fn exit_code(&self) -> Option<u8> {
        self.exit_code
    }

    /// Creates a [`ErrorKind::BadParameter`] error.
    pub fn bad_parameter(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::BadParameter, message)
    }

    /// Creates a [`ErrorKind::NotFound`] error.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    /// Creates a [`ErrorKind::AlreadyExists`] error.
    pub fn already_exists(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::AlreadyExists, message)
    }

    /// Creates a [`ErrorKind::AccessDenied`] error.
    pub fn access_denied(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::AccessDenied, message)
    }

    /// Creates a [`ErrorKind::Unauthenticated`] error.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unauthenticated, message)
    }

    /// Creates a [`ErrorKind::ConnectionProblem`] error.
    pub fn connection(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ConnectionProblem, message)
    }

    /// Creates a [`ErrorKind::NotImplemented`] error.
    pub fn not_implemented(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotImplemented, message)
    }

    /// Creates a [`ErrorKind::Internal`] error.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    /// Adds a hint: one line saying what the user can do about it.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Takes `other`'s hint, if it has one (when an error is rewrapped).
    #[must_use]
    pub fn with_hint_of(mut self, other: &Error) -> Self {
        if let Some(h) = &other.hint {
            self.hint = Some(h.clone());
        }
        self
    }

    /// Prefixes the message with context, e.g. the file it concerns.
    #[must_use]
    pub fn context(mut self, context: impl fmt::Display) -> Self {
        self.message = format!("{context}: {}", self.message);
        self
    }

    /// Returns the kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Returns the message, without the hint.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Returns the hint, if any.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Adds file context to I/O errors: `reading /x/y: permission denied`.
pub fn io_error(action: &str, path: &std::path::Path, err: std::io::Error) -> Error {
    let kind = match err.kind() {
        std::io::ErrorKind::NotFound => ErrorKind::NotFound,
        std::io::ErrorKind::PermissionDenied => ErrorKind::AccessDenied,
        _ => ErrorKind::BadParameter,
    };
    Error::new(kind, format!("{action} {}: {}", path.display(), io_message(&err)))
}

/// Returns an io error's message without Rust's "(os error N)" suffix.
fn io_message(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_lowercase(),
        None => text,
    }
}

/// The JSON body of every error answer of the server.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error itself.
    pub error: ErrorDetail,
}

/// The inner part of [`ErrorBody`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Human-readable message.
    pub message: String,
    /// Machine-readable kind.
    #[serde(default = "internal_kind")]
    pub kind: ErrorKind,
    /// Hint, if the server has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

fn internal_kind() -> ErrorKind {
    ErrorKind::Internal
}

impl From<&Error> for ErrorBody {
    fn from(e: &Error) -> Self {
        Self {
            error: ErrorDetail {
                message: e.message.clone(),
                kind: e.kind,
                hint: e.hint.clone(),
            },
        }
    }
}

impl From<ErrorBody> for Error {
    fn from(b: ErrorBody) -> Self {
        Self {
            kind: b.error.kind,
            message: b.error.message,
            hint: b.error.hint,
            exit_code: None,
        }
    }
}
