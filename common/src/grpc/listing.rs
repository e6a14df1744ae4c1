//! `tsh db ls` and `tsh kube ls` as Teleport's tsh does them: `ListResources` of `db_server` and
//! `kube_server` (clusters served by several agents listed once), and the database users worked
//! out from the caller's own roles (`GetRole` for each role of the login, which Teleport lets
//! every user read).

use std::collections::BTreeMap;

use super::AuthClient;
use super::resources::{KIND_DB_SERVER, KIND_KUBE_SERVER, db_server_from_proto, kube_server_from_proto};
use super::wire::proto::paginated_resource::Resource;
use crate::api::databases::{DatabaseListing, db_users};
use crate::error::Result;
use crate::resources::{KubeCluster, Role};

impl AuthClient {
    /// The databases the caller may see, by name, with the database users `roles` (the
    /// login's role names) allow on each.
    pub async fn database_listings(&self, roles: &[String]) -> Result<Vec<DatabaseListing>> {
        let mut databases: Vec<_> = self
            .list_all(KIND_DB_SERVER, &BTreeMap::new())
            .await?
            .into_iter()
            .filter_map(|r| match r.resource {
                Some(Resource::DatabaseServer(server)) => db_server_from_proto(server),
                _ => None,
            })
            .collect();
        databases.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        databases.dedup_by(|a, b| a.metadata.name == b.metadata.name);
        let roles = self.own_roles(roles).await?;
        Ok(databases
            .into_iter()
            .map(|database| DatabaseListing {
                users: db_users(&roles, &database.metadata.labels),
                database,
            })
            .collect())
    }

    /// The Kubernetes clusters the caller may see, by name, each once.
    pub async fn kube_clusters(&self) -> Result<Vec<KubeCluster>> {
        let mut clusters: Vec<_> = self
            .list_all(KIND_KUBE_SERVER, &BTreeMap::new())
            .await?
            .into_iter()
            .filter_map(|r| match r.resource {
                Some(Resource::KubernetesServer(server)) => kube_server_from_proto(server),
                _ => None,
            })
            .collect();
        clusters.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        clusters.dedup_by(|a, b| a.metadata.name == b.metadata.name);
        Ok(clusters)
    }

    /// The login's roles as the cluster holds them now.
    async fn own_roles(&self, names: &[String]) -> Result<Vec<Role>> {
        let mut roles = Vec::with_capacity(names.len());
        for name in names {
            roles.push(self.get_role(name).await?);
        }
        Ok(roles)
    }
}
