//! The `tele` package owns the `tsh` and `tctl` binaries; everything they share is in
//! `tele-common`. This library target lets the package depend on itself
//! in `[dev-dependencies]` with the `soft-authenticator` feature, so the binaries the
//! end-to-end tests run have the software key and release builds do not (cargo#2911, as jj).
//!
//! It also holds what both binaries share that is about the terminal, which `tele-common`
//! must not touch: the prompts.

pub mod prompt;
