//! The invite block `tctl tokens add` and `tctl nodes add` print (seed 004's wording), with the
//! join command this suite understands.

use std::time::Duration;

use tele_common::resources::SystemRole;

/// What the block needs.
pub struct Invite<'a> {
    pub token: &'a str,
    pub roles: &'a [SystemRole],
    pub ttl: Duration,
    pub ca_pin: &'a str,
    pub auth_server: &'a str,
}

/// Renders the block. Nodes are OpenSSH servers joined with `refserver join openssh`; other
/// services are Teleport agents, started with `teleport start` as Teleport prints it.
pub fn render(i: &Invite<'_>) -> String {
    let minutes = i.ttl.as_secs() / 60;
    let command = if i.roles == [SystemRole::Node] {
        "refserver join openssh".to_string()
    } else {
        let roles: Vec<String> = i.roles.iter().map(|r| r.flag_name()).collect();
        format!("teleport start \\\n   --roles={}", roles.join(","))
    };
    format!(
        "The invite token: {token}\n\
         This token will expire in {minutes} minutes.\n\
         \n\
         Run this on the new node to join the cluster:\n\
         \n\
         > {command} \\\n   \
         --token={token} \\\n   \
         --ca-pin={pin} \\\n   \
         --auth-server={addr}\n\
         \n\
         Please note:\n\
         \n  \
         - This invitation token will expire in {minutes} minutes\n  \
         - {addr} must be reachable from the new node\n",
        token = i.token,
        pin = i.ca_pin,
        addr = i.auth_server,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_seed_layout() {
        let text = render(&Invite {
            token: "abc",
            roles: &[SystemRole::Proxy],
            ttl: Duration::from_secs(300),
            ca_pin: "sha256:00",
            auth_server: "192.0.2.0:3080",
        });
        assert_eq!(
            text,
            "The invite token: abc\nThis token will expire in 5 minutes.\n\nRun this on the new node to join the cluster:\n\n> teleport start \\\n   --roles=proxy \\\n   --token=abc \\\n   --ca-pin=sha256:00 \\\n   --auth-server=192.0.2.0:3080\n\nPlease note:\n\n  - This invitation token will expire in 5 minutes\n  - 192.0.2.0:3080 must be reachable from the new node\n"
        );
    }
}
