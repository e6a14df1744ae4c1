//! Teleport's gRPC, after login: the Auth service reached through the proxy's web port.
//!
//! - [`wire`]: the messages and services generated from `common/proto` (Teleport's package,
//!   message and field names and numbers), shared by the clients and the reference server.
//! - [`route`]: the requests for routed certificates (databases, Kubernetes).
//! - [`routing`]: the ALPN values and TLS server names of Teleport's TLS routing.
//! - [`client`]: [`AuthClient`], the one client of the Auth service every command uses.
//! - [`status`]: gRPC status codes and Teleport's messages, to and from [`crate::error::Error`].
//! - [`mfa`]: MFA challenges and answers between their protobuf and WebAuthn JSON forms.
//! - [`listing`]: `tsh db ls` and `tsh kube ls` over `ListResources`.
//! - [`recordings`]: recorded sessions as Teleport's audit events.
//! - [`register`]: device registration between its protobuf and WebAuthn JSON forms.
//! - [`resources`]: nodes between their protobuf type and `tsh ls`'s view.
//! - [`convert`]: resources between their protobuf types and their YAML shape.

pub mod calls;
pub mod cas;
pub mod client;
pub mod complete;
pub mod convert;
pub mod listing;
pub mod metadata;
pub mod mfa;
pub mod recordings;
pub mod register;
pub mod resources;
pub mod route;
pub mod routing;
pub mod status;
pub mod wire;

pub use client::{AdminMfa, AuthClient};
