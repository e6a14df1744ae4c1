//! What `tsh` and `tctl` share, and what the reference server borrows to speak the same contract.
//!
//! Crate map:
//! - [`context`]: the only door to process state (env, home, clock, stdio kind).
//! - [`env`]: every environment variable the suite reads, declared once.
//! - [`error`]: the one error type, with a kind (wire-compatible) and an optional hint.
//! - [`output`]: the `Printer` (the only writer to stdout/stderr) and `--format` rendering.
//! - [`duration`]: Go-style durations (`30m`, `1h30m0s`) and Teleport's time formats.
//! - [`yaml`]: YAML parsing with field paths in errors.
//! - [`config`]: the `teleport.yaml` subset (Teleport's shape).
//! - [`resources`]: role, user, cluster_auth_preference, token, in Teleport's YAML shape.
//! - [`api`]: the web API's wire contract (request/response types) and the HTTPS client.
//! - [`grpc`]: Teleport's gRPC after login: the Auth service client, generated messages.
//! - [`tls`], [`keys`], [`sshca`], [`identity`]: TLS trust, key generation, CA lines, identity files.
//! - [`suite`]: Teleport's signature algorithm suites (which keys a cluster and its users make).
//! - [`kube`]: kubeconfig files and `tsh proxy kube`'s local proxy.
//! - [`admin`]: how tctl finds its credentials (`-c`, `-i`, profile).
//!
//! This crate never prints and never exits; it returns values and [`error::Error`]s.

pub mod admin;
pub mod agent;
pub mod api;
pub mod asciicast;
pub mod config;
pub mod context;
pub mod duration;
pub mod env;
pub mod error;
pub mod fsutil;
pub mod generate;
pub mod grpc;
pub mod headless;
pub mod identity;
pub mod keys;
pub mod keystore;
pub mod kube;
pub mod localproxy;
pub mod login;
pub mod mfa;
pub mod output;
pub mod profile;
pub mod resources;
pub mod scp;
pub mod ssh;
pub mod sshca;
pub mod suite;
pub mod tls;
pub mod yaml;

/// The suite's version, reported by `version` commands and the reference server's ping.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
