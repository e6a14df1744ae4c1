//! The only writer of the suite: data to stdout, messages to stderr.
//!
//! Commands build a view model (a serde type that also implements [`Render`]) and hand it to
//! [`Printer::emit`], which renders text, JSON or YAML from that one model.

mod table;

use std::io::{self, Write};

use serde::Serialize;

use crate::error::{Error, Result};

pub use table::Table;

/// `--format` of every listing command.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text (tables).
    #[default]
    Text,
    /// JSON: stable, for scripts.
    Json,
    /// YAML.
    Yaml,
}

/// A view model that can render itself as text.
pub trait Render {
    /// Writes the human-readable form (usually a table) into `out`.
    fn render_text(&self, out: &mut String);
}

/// Renders a value as indented JSON, with a final newline.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    // Serializing plain data structs cannot fail; an empty string would show a bug clearly.
    if value.serialize(&mut ser).is_err() {
        return String::new();
    }
    buf.push(b'\n');
    String::from_utf8(buf).unwrap_or_default()
}

/// Renders a value as YAML.
pub fn to_yaml<T: Serialize>(value: &T) -> String {
    let mut s = serde_saphyr::to_string(value).unwrap_or_default();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

const CLOSED: &str = "output closed";

fn write_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::internal(CLOSED)
    } else {
        Error::internal(format!("writing output: {e}"))
    }
}

/// Returns whether the error means the reader of our output went away (`tctl ... | head`):
/// binaries then stop quietly with success, as `ripgrep` does.
pub fn is_closed_output(e: &Error) -> bool {
    e.kind() == crate::error::ErrorKind::Internal && e.message() == CLOSED
}

/// Where output goes. Binaries create one from the real stdio; tests give buffers.
pub struct Printer {
    out: Box<dyn Write>,
    err: Box<dyn Write>,
}

impl Printer {
    /// A printer over the process's stdout and stderr.
    pub fn stdio() -> Self {
        Self::new(Box::new(io::stdout()), Box::new(io::stderr()))
    }

    /// A printer over any two writers.
    pub fn new(out: Box<dyn Write>, err: Box<dyn Write>) -> Self {
        Self { out, err }
    }

    /// Writes data to stdout as is.
    pub fn data(&mut self, text: &str) -> Result<()> {
        self.out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.flush())
            .map_err(write_error)
    }

    /// Writes a message for the user to stderr (progress, notices, prompts).
    pub fn message(&mut self, text: &str) -> Result<()> {
        self.err
            .write_all(text.as_bytes())
            .and_then(|()| self.err.flush())
            .map_err(write_error)
    }

    /// Writes `WARNING: text` to stderr.
    pub fn warn(&mut self, text: &str) -> Result<()> {
        self.message(&format!("WARNING: {text}\n"))
    }

    /// Writes `ERROR: message`, and `hint: ...` when the error has one, to stderr.
    pub fn error(&mut self, err: &Error) -> Result<()> {
        let mut text = format!("ERROR: {}\n", err.message());
        if let Some(hint) = err.hint() {
            text.push_str(&format!("hint: {hint}\n"));
        }
        self.message(&text)
    }

    /// Renders a view model in the chosen format to stdout.
    pub fn emit<T: Render + Serialize>(&mut self, format: Format, view: &T) -> Result<()> {
        let text = match format {
            Format::Text => {
                let mut s = String::new();
                view.render_text(&mut s);
                s
            }
            Format::Json => to_json(view),
            Format::Yaml => to_yaml(view),
        };
        self.data(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_reader_is_recognised_and_other_errors_are_not() {
        let mut p = Printer::new(Box::new(Closed), Box::new(io::sink()));
        let err = p.data("x").unwrap_err();
        assert!(is_closed_output(&err));
        assert!(!is_closed_output(&Error::internal("writing output: disk full")));
    }

    #[test]
    fn errors_print_with_their_hint() {
        let buf = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.borrow_mut().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut p = Printer::new(Box::new(io::sink()), Box::new(Shared(buf.clone())));
        p.error(&Error::not_found("token not found").with_hint("list tokens"))
            .unwrap();
        assert_eq!(
            String::from_utf8(buf.borrow().clone()).unwrap(),
            "ERROR: token not found\nhint: list tokens\n"
        );
    }
}
