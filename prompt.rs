//! The terminal side of prompts, for tsh and tctl: dialoguer on a terminal, plain lines from
//! stdin otherwise, so scripts and tests can pipe a password and an OTP code. Prompts and notices go to stderr;
//! this is the one place besides the Printer that writes there, because it owns the terminal
//! while it asks.

use std::io::{BufRead, Write};
use std::sync::mpsc;

use tele_common::error::{Error, Result};
use tele_common::mfa::Prompter;
use zeroize::Zeroizing;

/// Prompts for tsh.
pub struct TermPrompter {
    interactive: bool,
}

impl TermPrompter {
    /// A prompter that uses the terminal when stdin and stderr are one.
    pub fn new(ctx: &tele_common::context::Context) -> Self {
        Self {
            interactive: ctx.stdin_is_terminal() && ctx.stderr_is_terminal(),
        }
    }
}

fn read_stdin_line() -> Result<String> {
    let mut line = String::new();
    let n = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::bad_parameter(format!("reading stdin: {e}")))?;
    if n == 0 {
        return Err(Error::bad_parameter("end of input while waiting for an answer")
            .with_hint("without a terminal, tsh reads answers line by line from stdin"));
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

impl Prompter for TermPrompter {
    fn notify(&self, text: &str) {
        let _ = writeln!(std::io::stderr(), "{text}");
    }

    fn read_line(&self, prompt: &str) -> Result<String> {
        if self.interactive {
            return dialoguer::Input::<String>::new()
                .with_prompt(prompt.trim_end_matches(':'))
                .interact_text()
                .map_err(|e| Error::bad_parameter(format!("reading input: {e}")));
        }
        self.notify(prompt);
        read_stdin_line()
    }

    fn read_secret(&self, prompt: &str) -> Result<Zeroizing<String>> {
        if self.interactive {
            return dialoguer::Password::new()
                .with_prompt(prompt.trim_end_matches(':'))
                .interact()
                .map(Zeroizing::new)
                .map_err(|e| Error::bad_parameter(format!("reading input: {e}")));
        }
        self.notify(prompt);
        read_stdin_line().map(Zeroizing::new)
    }

    fn read_line_in_background(&self) -> mpsc::Receiver<Result<String>> {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(read_stdin_line());
        });
        rx
    }
}
