//! Databases and Kubernetes clusters, stored as their resources' JSON (one table per kind).

use serde::Serialize;
use serde::de::DeserializeOwned;
use tele_common::error::{Error, Result};
use tele_common::resources::{Database, KubeCluster};

use super::{Store, from_json, optional, to_json};

/// The two kinds stored here: their table and the word errors use.
#[derive(Clone, Copy)]
enum Table {
    Databases,
    KubeClusters,
}

impl Table {
    fn sql_name(self) -> &'static str {
        match self {
            Self::Databases => "databases",
            Self::KubeClusters => "kube_clusters",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::Databases => "database",
            Self::KubeClusters => "kubernetes cluster",
        }
    }
}

impl Store {
    /// Creates or replaces a database. Returns whether it is new.
    pub fn put_database(&self, db: &Database, replace: bool) -> Result<bool> {
        self.put_in(Table::Databases, &db.metadata.name, db, replace)
    }

    /// Reads a database.
    pub fn database(&self, name: &str) -> Result<Option<Database>> {
        self.read_in(Table::Databases, name)
    }

    /// Lists databases by name.
    pub fn databases(&self) -> Result<Vec<Database>> {
        self.list_in(Table::Databases)
    }

    /// Deletes a database; returns whether it existed.
    pub fn delete_database(&self, name: &str) -> Result<bool> {
        self.delete_in(Table::Databases, name)
    }

    /// Creates or replaces a Kubernetes cluster. Returns whether it is new.
    pub fn put_kube_cluster(&self, kube: &KubeCluster, replace: bool) -> Result<bool> {
        self.put_in(Table::KubeClusters, &kube.metadata.name, kube, replace)
    }

    /// Reads a Kubernetes cluster.
    pub fn kube_cluster(&self, name: &str) -> Result<Option<KubeCluster>> {
        self.read_in(Table::KubeClusters, name)
    }

    /// Lists Kubernetes clusters by name.
    pub fn kube_clusters(&self) -> Result<Vec<KubeCluster>> {
        self.list_in(Table::KubeClusters)
    }

    /// Deletes a Kubernetes cluster; returns whether it existed.
    pub fn delete_kube_cluster(&self, name: &str) -> Result<bool> {
        self.delete_in(Table::KubeClusters, name)
    }

    fn put_in<T: Serialize>(&self, table: Table, name: &str, resource: &T, replace: bool) -> Result<bool> {
        let t = table.sql_name();
        let created = self.with(|c| {
            let tx = c.transaction()?;
            let exists: bool = tx.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {t} WHERE name = ?1)"),
                [name],
                |r| r.get(0),
            )?;
            if exists && !replace {
                return Ok(None);
            }
            tx.execute(
                &format!(
                    "INSERT INTO {t} (name, resource) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET resource = ?2"
                ),
                [name, &to_json(resource)],
            )?;
            tx.commit()?;
            Ok(Some(!exists))
        })?;
        created.ok_or_else(|| Error::already_exists(format!("{} {name:?} already exists", table.what())))
    }

    fn read_in<T: DeserializeOwned>(&self, table: Table, name: &str) -> Result<Option<T>> {
        let t = table.sql_name();
        self.with(|c| {
            optional(
                c.query_row(&format!("SELECT resource FROM {t} WHERE name = ?1"), [name], |r| {
                    from_json(&r.get::<_, String>(0)?, table.what())
                }),
            )
        })
    }

    fn list_in<T: DeserializeOwned>(&self, table: Table) -> Result<Vec<T>> {
        let t = table.sql_name();
        self.with(|c| {
            let mut stmt = c.prepare(&format!("SELECT resource FROM {t} ORDER BY name"))?;
            let rows = stmt.query_map([], |r| from_json(&r.get::<_, String>(0)?, table.what()))?;
            rows.collect()
        })
    }

    fn delete_in(&self, table: Table, name: &str) -> Result<bool> {
        let t = table.sql_name();
        self.with(|c| {
            c.execute(&format!("DELETE FROM {t} WHERE name = ?1"), [name])
                .map(|n| n > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_lists_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        let db = Database::new("pg", "postgres", "localhost:5432");
        assert!(s.put_database(&db, false).unwrap());
        assert!(s.put_database(&db, false).is_err());
        assert!(!s.put_database(&db, true).unwrap());
        assert_eq!(s.databases().unwrap(), vec![db.clone()]);
        assert_eq!(s.database("pg").unwrap(), Some(db));
        assert!(s.delete_database("pg").unwrap());
        assert!(!s.delete_database("pg").unwrap());
        let kube = KubeCluster::new("k");
        assert!(s.put_kube_cluster(&kube, false).unwrap());
        assert_eq!(s.kube_clusters().unwrap(), vec![kube]);
    }
}
