//! The generated protobuf types and services. Module paths follow the protobuf packages
//! (`proto`, `types`, `webauthn`, `teleport.mfa.v1`), because prost refers across packages by
//! relative paths (`super::types::ServerV2`).

#![allow(missing_docs, clippy::all, clippy::pedantic, rust_2018_idioms)]

/// Package `proto`: `proto.AuthService` and its messages.
pub mod proto {
    include!(concat!(env!("OUT_DIR"), "/proto.rs"));
}

/// Package `types`: resources.
pub mod types {
    include!(concat!(env!("OUT_DIR"), "/types.rs"));
}

/// Package `wrappers`: label selectors and traits.
pub mod wrappers {
    include!(concat!(env!("OUT_DIR"), "/wrappers.rs"));
}

/// Package `events`: the audit events of recorded sessions.
pub mod events {
    include!(concat!(env!("OUT_DIR"), "/events.rs"));
}

/// Package `webauthn`: WebAuthn messages, bytes raw.
pub mod webauthn {
    include!(concat!(env!("OUT_DIR"), "/webauthn.rs"));
}

/// Package `teleport.*`.
pub mod teleport {
    /// Package `teleport.mfa.*`.
    pub mod mfa {
        /// Package `teleport.mfa.v1`.
        pub mod v1 {
            include!(concat!(env!("OUT_DIR"), "/teleport.mfa.v1.rs"));
        }
    }

    /// Package `teleport.users.v1`: `UsersService`.
    pub mod users {
        /// Package `teleport.users.v1`.
        pub mod v1 {
            include!(concat!(env!("OUT_DIR"), "/teleport.users.v1.rs"));
        }
    }

    /// Package `teleport.clusterconfig.v1`: `ClusterConfigService`.
    pub mod clusterconfig {
        /// Package `teleport.clusterconfig.v1`.
        pub mod v1 {
            include!(concat!(env!("OUT_DIR"), "/teleport.clusterconfig.v1.rs"));
        }
    }

    /// Package `teleport.trust.v1`: `TrustService`.
    pub mod trust {
        /// Package `teleport.trust.v1`.
        pub mod v1 {
            include!(concat!(env!("OUT_DIR"), "/teleport.trust.v1.rs"));
        }
    }
}
