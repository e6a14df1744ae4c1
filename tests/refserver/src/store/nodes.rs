//! Joined OpenSSH nodes and the sessions recorded at the proxy.

use std::collections::BTreeMap;
use std::time::SystemTime;

use rusqlite::params;
use tele_common::error::Result;

use super::{Store, from_json, from_unix, optional, to_json, unix};

/// A joined node.
#[derive(Clone, Debug)]
pub struct NodeRow {
    /// Its name (the host name it joined with).
    pub name: String,
    /// Its UUID, kept across re-joins.
    pub uuid: String,
    /// Where its sshd listens, `host:port`.
    pub addr: String,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
    /// The version of the joining program.
    pub version: String,
}

impl NodeRow {
    /// The node as clients see it.
    pub fn view(&self) -> tele_common::api::nodes::Node {
        tele_common::api::nodes::Node {
            name: self.name.clone(),
            uuid: self.uuid.clone(),
            addr: self.addr.clone(),
            labels: self.labels.clone(),
            version: self.version.clone(),
        }
    }
}

/// A session the proxy recorded.
#[derive(Clone, Debug)]
pub struct SessionRow {
    /// Session ID (a UUID; also the recording's file name).
    pub id: String,
    /// The Teleport user.
    pub user: String,
    /// The OS login on the node.
    pub login: String,
    /// The node's name.
    pub node: String,
    /// `ssh` (a shell or command, recorded) or `scp` (a file transfer, not recorded).
    pub kind: String,
    /// The command, empty for a shell.
    pub command: String,
    /// When it started.
    pub started: SystemTime,
    /// When it ended, if it has.
    pub ended: Option<SystemTime>,
}

impl Store {
    /// Registers a node, or updates it when one of that name exists (its UUID stays).
    pub fn upsert_node(&self, row: &NodeRow, now: SystemTime) -> Result<NodeRow> {
        self.with(|c| {
            c.execute(
                "INSERT INTO nodes (name, uuid, addr, labels, version, joined) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (name) DO UPDATE SET addr = ?3, labels = ?4, version = ?5, joined = ?6",
                params![
                    row.name,
                    row.uuid,
                    row.addr,
                    to_json(&row.labels),
                    row.version,
                    unix(now)
                ],
            )?;
            c.query_row(
                "SELECT name, uuid, addr, labels, version FROM nodes WHERE name = ?1",
                [&row.name],
                read_node,
            )
        })
    }

    /// All nodes, by name.
    pub fn nodes(&self) -> Result<Vec<NodeRow>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached("SELECT name, uuid, addr, labels, version FROM nodes ORDER BY name")?;
            let rows = stmt.query_map([], read_node)?;
            rows.collect()
        })
    }

    /// Records the start of a session.
    pub fn insert_session(&self, row: &SessionRow) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO sessions (id, user, login, node, kind, command, started) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![row.id, row.user, row.login, row.node, row.kind, row.command, unix(row.started)],
            )
            .map(drop)
        })
    }

    /// Records the end of a session.
    pub fn end_session(&self, id: &str, now: SystemTime) -> Result<()> {
        self.with(|c| {
            c.execute("UPDATE sessions SET ended = ?2 WHERE id = ?1", params![id, unix(now)])
                .map(drop)
        })
    }

    /// Sessions, newest first; only `user`'s when given.
    pub fn sessions(&self, user: Option<&str>) -> Result<Vec<SessionRow>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, user, login, node, kind, command, started, ended FROM sessions
                 WHERE ?1 IS NULL OR user = ?1 ORDER BY started DESC, id",
            )?;
            let rows = stmt.query_map([user], read_session)?;
            rows.collect()
        })
    }

    /// One session.
    pub fn session(&self, id: &str) -> Result<Option<SessionRow>> {
        self.with(|c| {
            optional(c.query_row(
                "SELECT id, user, login, node, kind, command, started, ended FROM sessions WHERE id = ?1",
                [id],
                read_session,
            ))
        })
    }
}

fn read_node(r: &rusqlite::Row<'_>) -> rusqlite::Result<NodeRow> {
    Ok(NodeRow {
        name: r.get(0)?,
        uuid: r.get(1)?,
        addr: r.get(2)?,
        labels: from_json(&r.get::<_, String>(3)?, "node labels")?,
        version: r.get(4)?,
    })
}

fn read_session(r: &rusqlite::Row<'_>) -> rusqlite::Result<SessionRow> {
    Ok(SessionRow {
        id: r.get(0)?,
        user: r.get(1)?,
        login: r.get(2)?,
        node: r.get(3)?,
        kind: r.get(4)?,
        command: r.get(5)?,
        started: from_unix(r.get(6)?),
        ended: r.get::<_, Option<i64>>(7)?.map(from_unix),
    })
}
