//! The reference server: a thin but real Teleport auth + proxy that the tests and the demo run
//! against. It serves the same wire contract `tele-common` defines, keeps state in SQLite and
//! signs with real CAs. It is a dev-only package and never ships.

pub mod access;
pub mod authz;
pub mod ca;
pub mod cli;
pub mod db_proxy;
pub mod grpc;
pub mod headless;
pub mod issue;
pub mod join;
pub mod kube_proxy;
pub mod lockout;
pub mod logfmt;
pub mod mfa;
pub mod route;
pub mod server;
pub mod session_mfa;
pub mod settings;
pub mod ssh;
pub mod store;
pub mod timed;
pub mod tlsconf;
pub mod web;
