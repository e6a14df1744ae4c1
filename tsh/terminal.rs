//! The local terminal for interactive sessions: raw mode (restored on drop), its size, stdin
//! as a channel of chunks, and SIGWINCH as size changes.

use std::io::Read;

use rustix::termios::{OptionalActions, Termios, tcgetattr, tcgetwinsize, tcsetattr};
use tokio::sync::mpsc;

/// Puts stdin's terminal in raw mode until dropped.
pub struct RawMode {
    saved: Termios,
}

impl RawMode {
    /// Enters raw mode; none when stdin is not a terminal.
    pub fn enter() -> Option<Self> {
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).ok()?;
        let mut raw = saved.clone();
        raw.make_raw();
        tcsetattr(&stdin, OptionalActions::Now, &raw).ok()?;
        Some(Self { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = tcsetattr(std::io::stdin(), OptionalActions::Now, &self.saved);
    }
}

/// The terminal's `(columns, rows)`, 80x24 when unknown.
pub fn size() -> (u32, u32) {
    match tcgetwinsize(std::io::stdout()) {
        Ok(w) if w.ws_col > 0 && w.ws_row > 0 => (u32::from(w.ws_col), u32::from(w.ws_row)),
        _ => (80, 24),
    }
}

/// Reads stdin on a thread of its own (a blocked read must not keep tsh from exiting) and
/// passes chunks on; the channel closes at end of input.
pub fn stdin_chunks() -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel(16);
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin();
        let mut buf = vec![0u8; 32 * 1024];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.blocking_send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    rx
}

/// Size changes of the terminal, from SIGWINCH. Must be called inside the runtime.
pub fn resizes() -> mpsc::Receiver<(u32, u32)> {
    let (tx, rx) = mpsc::channel(4);
    if let Ok(mut sig) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::window_change()) {
        tokio::spawn(async move {
            while sig.recv().await.is_some() {
                if tx.send(size()).await.is_err() {
                    break;
                }
            }
        });
    }
    rx
}
