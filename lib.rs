//! The `tele` package owns the `tsh` and `tctl` binaries; everything they share is in
//! `tele-common`. This library target is empty on purpose: it lets the package depend on itself
//! in `[dev-dependencies]` with the `soft-authenticator` feature, so the binaries the
//! end-to-end tests run have the software key and release builds do not (cargo#2911, as jj).
