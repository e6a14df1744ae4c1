//! Resource files for `tctl create` (and the server's bootstrap): `Resource::parse_all` reads
//! a multi-document YAML stream (serde-saphyr with raised budgets, field paths in errors) and
//! checks each resource; then each goes to its protobuf form as `tctl create` sends it, and
//! back as the server reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tele_common::grpc::convert::{
    cap_from_proto, cap_to_proto, database_from_proto, database_to_proto, kube_from_proto, kube_to_proto,
    role_from_proto, role_to_proto, token_from_proto, token_to_proto, user_from_proto, user_to_proto,
};
use tele_common::resources::Resource;

fuzz_target!(|data: &[u8]| {
    let text = tele_fuzz::text(data);
    let Ok(resources) = Resource::parse_all(&text) else {
        return;
    };
    for r in resources {
        let _ = r.name();
        match r {
            Resource::Role(role) => {
                let _ = role_from_proto(role_to_proto(&role)).map(|r| r.validate());
            }
            Resource::User(user) => {
                let _ = user_from_proto(user_to_proto(&user)).validate();
            }
            Resource::Token(token) => {
                let _ = token_from_proto(token_to_proto(&token)).map(|t| t.validate());
            }
            Resource::AuthPreference(cap) => {
                let _ = cap_from_proto(cap_to_proto(&cap)).map(|c| c.validate());
            }
            Resource::Database(db) => {
                let _ = database_from_proto(database_to_proto(&db)).validate();
            }
            Resource::KubeCluster(kube) => {
                if let Ok(pb) = kube_to_proto(&kube) {
                    let _ = kube_from_proto(pb).validate();
                }
            }
        }
    }
});
