//! The log's field format: every value cut to a bounded length and kept on one line.
//!
//! Anything a stranger sends can reach a log line (a user name, an SSH login, an error that
//! quotes a request), so the formatter, not each call site, bounds what one value may add: a
//! field at [`MAX_FIELD`] bytes, the message at [`MAX_MESSAGE`], each cut one marked with the
//! length it had. Line breaks in the message are escaped, so a value cannot forge a log line.

use std::fmt::{self, Write as _};

use tracing::field::Field;
use tracing_subscriber::field::MakeExt;
use tracing_subscriber::fmt::FormatFields;
use tracing_subscriber::fmt::format::{Writer, debug_fn};

/// The longest field value written, in bytes.
pub const MAX_FIELD: usize = 256;
/// The longest message written, in bytes.
pub const MAX_MESSAGE: usize = 1024;

/// The fields' formatter: `name=value` pairs apart by spaces, the message first and bare.
pub fn fields() -> impl for<'w> FormatFields<'w> + Send + Sync + 'static {
    debug_fn(write_field).delimited(" ")
}

fn write_field(w: &mut Writer<'_>, field: &Field, value: &dyn fmt::Debug) -> fmt::Result {
    let mut text = String::new();
    write!(text, "{value:?}")?;
    if field.name() == "message" {
        let text = text.replace('\r', "\\r").replace('\n', "\\n");
        w.write_str(&clip(&text, MAX_MESSAGE))
    } else {
        write!(w, "{}={}", field.name(), clip(&text, MAX_FIELD))
    }
}

/// `text`, or its first `max` bytes (to a character boundary) and how long it was.
pub fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= max {
        return text.into();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…(cut, {} bytes)", &text[..end], text.len()).into()
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn logged(f: impl FnOnce()) -> String {
        let out = Captured::default();
        let sink = out.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || sink.clone())
            .with_ansi(false)
            .with_target(false)
            .without_time()
            .fmt_fields(fields())
            .finish();
        tracing::subscriber::with_default(subscriber, f);
        String::from_utf8(out.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn long_values_are_cut_and_marked() {
        let name = "a".repeat(64 * 1024);
        let text = logged(|| tracing::warn!(user = name, reason = "wrong password", "login failed"));
        assert!(text.len() < 600, "{} bytes logged", text.len());
        assert!(text.contains("login failed user=\"aaaa"), "{text}");
        assert!(text.contains("…(cut, 65538 bytes) reason=\"wrong password\""), "{text}");
    }

    #[test]
    fn short_values_are_as_they_were() {
        let text = logged(|| tracing::info!(user = "alice", ms = 3u64, "request"));
        assert!(text.ends_with("INFO request user=\"alice\" ms=3\n"), "{text:?}");
    }

    #[test]
    fn a_message_stays_on_one_line_and_is_bounded() {
        let evil = format!("x\nERROR forged line{}", "y".repeat(5000));
        let text = logged(|| tracing::info!("ssh login refused: {evil}"));
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.contains("refused: x\\nERROR forged line"), "{text}");
        assert!(text.len() < MAX_MESSAGE + 100, "{} bytes logged", text.len());
    }

    #[test]
    fn cuts_fall_on_character_boundaries() {
        assert_eq!(clip("ééé", 3), "é…(cut, 6 bytes)");
        assert_eq!(clip("abc", 3), "abc");
    }
}
