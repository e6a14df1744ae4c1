//! `tsh status [--format]`: every profile, the active one marked, with roles, logins, validity.

use serde::Serialize;
use tele_common::duration;
use tele_common::error::Result;
use tele_common::output::{Format, Render};
use tele_common::profile::{Home, Session};

use crate::cli::{Env, not_logged_in};

/// Display the list of proxy servers and retrieved certificates
#[derive(clap::Args)]
pub struct StatusArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// One profile, as status shows it.
#[derive(Serialize)]
pub struct ProfileStatus {
    profile_url: String,
    username: String,
    cluster: String,
    roles: Vec<String>,
    logins: Vec<String>,
    kubernetes_enabled: bool,
    valid_until: String,
    expired: bool,
    #[serde(skip)]
    time_left: String,
    extensions: Vec<String>,
    key_store: String,
}

impl ProfileStatus {
    /// Reads what a session's certificates say at `now`.
    pub fn of(session: &Session, now: std::time::SystemTime) -> Self {
        let until = session.valid_until();
        let expired = until <= now;
        Self {
            profile_url: format!("https://{}", session.profile.web_proxy_addr),
            username: session.profile.user.clone(),
            cluster: session.profile.cluster.clone(),
            roles: session.roles(),
            logins: session.logins(),
            kubernetes_enabled: false,
            valid_until: duration::rfc3339(until),
            expired,
            time_left: duration::format(until.duration_since(now).unwrap_or_default()),
            extensions: session.extensions(),
            key_store: session.profile.key_store.to_string(),
        }
    }

    fn render(&self, active: bool, out: &mut String) {
        let validity = if self.expired {
            format!("{} [EXPIRED]", go_time(&self.valid_until))
        } else {
            format!("{} [valid for {}]", go_time(&self.valid_until), self.time_left)
        };
        let rows = [
            ("Profile URL:", self.profile_url.clone()),
            ("Logged in as:", self.username.clone()),
            ("Cluster:", self.cluster.clone()),
            ("Roles:", self.roles.join(", ")),
            ("Logins:", self.logins.join(", ")),
            ("Kubernetes:", "disabled".into()),
            ("Valid until:", validity),
            ("Extensions:", self.extensions.join(", ")),
            ("Key store:", self.key_store.clone()),
        ];
        for (i, (key, value)) in rows.iter().enumerate() {
            let mark = if i == 0 && active { "> " } else { "  " };
            out.push_str(&format!("{mark}{key:<19} {value}\n"));
        }
    }
}

/// `2026-11-24T08:00:00Z` as Go prints a UTC time: `2026-11-24 08:00:00 +0000 UTC`.
fn go_time(rfc3339: &str) -> String {
    format!("{} +0000 UTC", rfc3339.trim_end_matches('Z').replacen('T', " ", 1))
}

/// The status view: the active profile and the others.
#[derive(Serialize)]
pub struct StatusView {
    active: Option<ProfileStatus>,
    profiles: Vec<ProfileStatus>,
}

impl Render for StatusView {
    fn render_text(&self, out: &mut String) {
        let all = self
            .active
            .iter()
            .map(|p| (p, true))
            .chain(self.profiles.iter().map(|p| (p, false)));
        for (i, (p, active)) in all.enumerate() {
            if i > 0 {
                out.push('\n');
            }
            p.render(active, out);
        }
    }
}

/// Builds the view of every profile in `home`.
pub fn view(home: &Home, now: std::time::SystemTime) -> Result<StatusView> {
    let current = home.current()?;
    let mut active = None;
    let mut profiles = Vec::new();
    for profile in home.profiles()? {
        let is_active = current.as_deref() == Some(profile.name().as_str());
        let Ok(session) = Session::load(home, profile) else {
            continue;
        };
        let status = ProfileStatus::of(&session, now);
        if is_active {
            active = Some(status);
        } else {
            profiles.push(status);
        }
    }
    Ok(StatusView { active, profiles })
}

pub fn run(env: &mut Env, args: StatusArgs) -> Result<()> {
    let home = env.home()?;
    let view = view(&home, env.ctx.now())?;
    if view.active.is_none() && view.profiles.is_empty() {
        return Err(not_logged_in());
    }
    env.emit(args.format, &view)
}
