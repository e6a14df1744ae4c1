//! Who may reach which node as which login (role `logins`, `node_labels`), which databases and
//! as whom (`db_labels`, `db_users`), which Kubernetes clusters (`kubernetes_labels`); deny wins.

use std::collections::BTreeMap;

pub use tele_common::api::databases::db_users;
use tele_common::error::{Error, Result};
use tele_common::resources::{Labels, Role, RoleConditions, User, labels_match};

use crate::issue;
use crate::store::NodeRow;

/// Whether the roles let their holder see the node: an allow selector matches its labels and no
/// deny selector does.
pub fn node_visible(roles: &[Role], node: &NodeRow) -> bool {
    visible(roles, |c| &c.node_labels, &node.labels)
}

/// Whether an allow selector (picked by `pick`) of the roles matches `labels` and no deny one does.
fn visible(roles: &[Role], pick: fn(&RoleConditions) -> &Labels, labels: &BTreeMap<String, String>) -> bool {
    let denied = roles.iter().any(|r| labels_match(pick(&r.spec.deny), labels));
    !denied && roles.iter().any(|r| labels_match(pick(&r.spec.allow), labels))
}

/// Whether the roles let their holder see the database (`db_labels`).
pub fn db_visible(roles: &[Role], labels: &BTreeMap<String, String>) -> bool {
    visible(roles, |c| &c.db_labels, labels)
}

/// Whether the roles let their holder see the Kubernetes cluster (`kubernetes_labels`).
pub fn kube_visible(roles: &[Role], labels: &BTreeMap<String, String>) -> bool {
    visible(roles, |c| &c.kubernetes_labels, labels)
}

/// Fails unless `user` (with `roles`) may log in to `node` as `login`.
pub fn check_ssh(user: &User, roles: &[Role], login: &str, node: &NodeRow) -> Result<()> {
    let denied = || Err(denied(login, node));
    if !node_visible(roles, node) {
        return denied();
    }
    if !issue::logins(user, roles).iter().any(|l| l == login) {
        return denied();
    }
    Ok(())
}

/// The refusal that names the login and the node.
pub fn denied(login: &str, node: &NodeRow) -> Error {
    Error::access_denied(format!("access denied to {login} connecting to {}", node.name))
        .with_hint("ask an admin for a role whose logins and node_labels allow it (tsh status shows your logins)")
}

/// Like [`resolve`], from the store, with the error a user sees when nothing matches.
pub fn find_node(store: &crate::store::Store, host: &str, port: u16) -> Result<NodeRow> {
    let nodes = store.nodes()?;
    resolve(&nodes, host, port).cloned().ok_or_else(|| {
        Error::not_found(format!("node {host:?} is not found")).with_hint("list the nodes you can reach with: tsh ls")
    })
}

/// Finds the node a client names: by name, by `host:port` address, or by host alone when the
/// port is 0 or 22 and one node has that host. Unregistered hosts are not dialed: the proxy is
/// not an open relay.
pub fn resolve<'a>(nodes: &'a [NodeRow], host: &str, port: u16) -> Option<&'a NodeRow> {
    if let Some(n) = nodes.iter().find(|n| n.name == host) {
        return Some(n);
    }
    let addr = format!("{host}:{port}");
    if let Some(n) = nodes.iter().find(|n| n.addr == addr) {
        return Some(n);
    }
    let by_host: Vec<&NodeRow> = nodes
        .iter()
        .filter(|n| tele_common::config::split_host_port(&n.addr).is_ok_and(|(h, _)| h == host))
        .collect();
    match by_host.as_slice() {
        [one] if port == 0 => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use tele_common::resources::{LabelValues, RoleSpec};

    use super::*;

    fn role(allow: &[(&str, &str)], users: &[&str], deny_labels: &[(&str, &str)], deny_users: &[&str]) -> Role {
        let labels = |pairs: &[(&str, &str)]| -> Labels {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), LabelValues::One(v.to_string())))
                .collect()
        };
        let mut spec = RoleSpec::default();
        spec.allow.db_labels = labels(allow);
        spec.allow.db_users = users.iter().map(|u| u.to_string()).collect();
        spec.deny.db_labels = labels(deny_labels);
        spec.deny.db_users = deny_users.iter().map(|u| u.to_string()).collect();
        Role::new("r", spec)
    }

    #[test]
    fn database_users_and_visibility() {
        let prod: BTreeMap<String, String> = [("env".to_string(), "prod".to_string())].into();
        let dev: BTreeMap<String, String> = [("env".to_string(), "dev".to_string())].into();
        let roles = [
            role(&[("env", "prod")], &["alice", "root"], &[], &[]),
            role(&[("*", "*")], &["*"], &[], &["root"]),
        ];
        assert!(db_visible(&roles, &prod) && db_visible(&roles, &dev));
        let users = db_users(&roles, &prod);
        assert_eq!(users.allowed, ["*", "alice"]);
        assert_eq!(users.denied, ["root"]);
        let only_prod = [role(&[("env", "prod")], &["alice"], &[], &[])];
        assert!(!db_visible(&only_prod, &dev));
        assert_eq!(db_users(&only_prod, &dev).allowed, Vec::<String>::new());
        let deny_dev = [
            role(&[("*", "*")], &["alice"], &[], &[]),
            role(&[], &[], &[("env", "dev")], &[]),
        ];
        assert!(db_visible(&deny_dev, &prod) && !db_visible(&deny_dev, &dev));
    }
}
