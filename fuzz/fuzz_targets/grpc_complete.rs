//! `tctl edit`'s reads: a resource fetched as raw bytes, decoded, encoded again and walked field
//! by field (`grpc::complete::decode_complete`) to name anything this client would drop. The
//! first byte picks the resource type; the rest is what the server sent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tele_common::grpc::complete::decode_complete;
use tele_common::grpc::convert::{
    cap_from_proto, database_from_proto, kube_from_proto, role_from_proto, user_from_proto,
};
use tele_common::grpc::wire::teleport::users::v1::GetUserResponse;
use tele_common::grpc::wire::types::{AuthPreferenceV2, DatabaseV3, KubernetesClusterV3, RoleV6};

fuzz_target!(|data: &[u8]| {
    let Some((which, raw)) = tele_fuzz::dispatch(data) else {
        return;
    };
    match which % 5 {
        0 => {
            if let Ok(role) = decode_complete::<RoleV6>(raw, "role") {
                let _ = role_from_proto(role);
            }
        }
        1 => {
            if let Ok(resp) = decode_complete::<GetUserResponse>(raw, "user")
                && let Some(user) = resp.user
            {
                let _ = user_from_proto(user);
            }
        }
        2 => {
            if let Ok(cap) = decode_complete::<AuthPreferenceV2>(raw, "the cluster auth preference") {
                let _ = cap_from_proto(cap);
            }
        }
        3 => {
            if let Ok(db) = decode_complete::<DatabaseV3>(raw, "database") {
                let _ = database_from_proto(db);
            }
        }
        _ => {
            if let Ok(k) = decode_complete::<KubernetesClusterV3>(raw, "Kubernetes cluster") {
                let _ = kube_from_proto(k);
            }
        }
    }
});
