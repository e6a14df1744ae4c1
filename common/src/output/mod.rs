//! The only writer of the suite: data to stdout, messages to stderr.
//!
//! Commands build a view model (a serde type that also implements [`Render`]) and hand it to
//! [`Printer::emit`], which renders text, JSON or YAML from that one model.

mod table;

use std::io::{self, Write};

use serde::Serialize;

use crate::error::Error;

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
    pub fn data(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }

    /// Writes a message for the user to stderr (progress, notices, prompts).
    pub fn message(&mut self, text: &str) -> io::Result<()> {
        self.err.write_all(text.as_bytes())?;
        self.err.flush()
    }

    /// Writes `WARNING: text` to stderr.
    pub fn warn(&mut self, text: &str) -> io::Result<()> {
        self.message(&format!("WARNING: {text}\n"))
    }

    /// Writes `ERROR: message`, and `hint: ...` when the error has one, to stderr.
    pub fn error(&mut self, err: &Error) -> io::Result<()> {
        let mut text = format!("ERROR: {}\n", err.message());
        if let Some(hint) = err.hint() {
            text.push_str(&format!("hint: {hint}\n"));
        }
        self.message(&text)
    }

    /// Renders a view model in the chosen format to stdout.
    pub fn emit<T: Render + Serialize>(&mut self, format: Format, view: &T) -> io::Result<()> {
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
