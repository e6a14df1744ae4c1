//! The `refserver` command line.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use clap::{Parser, Subcommand};
use tele_common::error::{Error, Result, io_error};
use tele_common::resources::{Resource, User};

use crate::settings::Settings;
use crate::store::{MfaDevice, Store};

/// A thin Teleport auth + proxy for tests and demos. Not a product.
#[derive(Parser)]
#[command(name = "refserver", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the auth and proxy services
    Start(StartArgs),
    /// Manage users directly in the data dir (dev credentials for tests and demos)
    #[command(subcommand)]
    Users(UsersCommand),
    /// Join a host to the cluster
    #[command(subcommand)]
    Join(JoinCommand),
}

#[derive(Subcommand)]
enum JoinCommand {
    /// Put this host's OpenSSH server under the cluster with a join token
    Openssh(crate::join::JoinOpensshArgs),
}

#[derive(clap::Args)]
struct StartArgs {
    /// Path to teleport.yaml
    #[arg(short = 'c', long = "config")]
    config: PathBuf,
    /// Resources (roles, users, cap, tokens) to create on first start
    #[arg(long)]
    bootstrap: Option<PathBuf>,
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Create or update a user with a password and, optionally, a TOTP device
    Add(UsersAddArgs),
}

#[derive(clap::Args)]
struct UsersAddArgs {
    /// User name
    name: String,
    /// Path to teleport.yaml
    #[arg(short = 'c', long = "config")]
    config: PathBuf,
    /// Roles, comma-separated
    #[arg(long, value_delimiter = ',', default_value = "access")]
    roles: Vec<String>,
    /// OS logins, comma-separated
    #[arg(long, value_delimiter = ',')]
    logins: Vec<String>,
    /// Read the password from the first line of stdin
    #[arg(long)]
    password_stdin: bool,
    /// Add a TOTP device with this base32 secret; repeat for more devices (named otp, otp2, ...)
    #[arg(long)]
    totp_secret: Vec<String>,
}

/// Runs the command line.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Start(args) => start(&args),
        Command::Users(UsersCommand::Add(args)) => users_add(&args),
        Command::Join(JoinCommand::Openssh(args)) => join_openssh(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = std::io::stderr();
            let _ = writeln!(err, "ERROR: {}", e.message());
            if let Some(h) = e.hint() {
                let _ = writeln!(err, "hint: {h}");
            }
            ExitCode::FAILURE
        }
    }
}

fn start(args: &StartArgs) -> Result<()> {
    let settings = Settings::load(&args.config)?;
    init_logging(&settings);
    raise_fd_limit();
    let bootstrap = match &args.bootstrap {
        Some(path) => read_bootstrap(path)?,
        None => Vec::new(),
    };
    let (server, _lock) = crate::server::open(settings, bootstrap)?;
    tracing::info!(cluster = server.settings.cluster_name, data_dir = %server.settings.data_dir.display(), "starting");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("runtime: {e}")))?;
    rt.block_on(crate::server::serve(server))
}

/// Lifts the soft limit on open files to the hard one, as Go does for Teleport: a default soft
/// limit of 1,024 is a few hundred idle strangers. The hard limit stays the operator's.
fn raise_fd_limit() {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.current < limit.maximum {
        let from = limit.current;
        limit.current = limit.maximum;
        match setrlimit(Resource::Nofile, limit) {
            Ok(()) => tracing::debug!(?from, to = ?limit.current, "raised the open files limit"),
            Err(e) => tracing::warn!("cannot raise the open files limit: {e}"),
        }
    }
}

fn join_openssh(args: &crate::join::JoinOpensshArgs) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("runtime: {e}")))?;
    let text = rt.block_on(crate::join::run(args))?;
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| Error::internal(e.to_string()))
}

fn read_bootstrap(path: &Path) -> Result<Vec<Resource>> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error("reading bootstrap", path, e))?;
    Resource::parse_all(&text).map_err(|e| e.context(path.display()))
}

fn init_logging(settings: &Settings) {
    let level = settings
        .config
        .teleport
        .log
        .as_ref()
        .and_then(|l| l.severity.clone())
        .unwrap_or_else(|| "info".into())
        .to_lowercase();
    let filter = tracing_subscriber::EnvFilter::try_new(format!("warn,tele_refserver={level},refserver={level}"))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .fmt_fields(crate::logfmt::fields())
        .init();
}

fn users_add(args: &UsersAddArgs) -> Result<()> {
    let settings = Settings::load(&args.config)?;
    std::fs::create_dir_all(&settings.data_dir).map_err(|e| io_error("creating data dir", &settings.data_dir, e))?;
    let store = Store::open(&settings.data_dir)?;
    let user = User::new(args.name.clone(), args.roles.clone(), args.logins.clone());
    user.validate()?;
    for role in &user.spec.roles {
        if store.role(role)?.is_none() {
            return Err(Error::bad_parameter(format!("role {role:?} is not found"))
                .with_hint("start the server once so the preset roles (access, editor) exist"));
        }
    }
    let password = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::bad_parameter(format!("reading stdin: {e}")))?;
        let line = zeroize::Zeroizing::new(line);
        Some(zeroize::Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_string()))
    } else {
        None
    };
    // Everything is checked before anything is written: a refused request creates nothing.
    let hash = password.as_deref().map(|p| hash_password(p)).transpose()?;
    let mut devices = Vec::new();
    for (i, secret) in args.totp_secret.iter().enumerate() {
        let secret = secret.trim().to_uppercase();
        let bytes = totp_rs::Secret::try_from_base32(&secret)
            .map_err(|_| Error::bad_parameter("--totp-secret: not a base32 secret"))?;
        if bytes.len() < 10 {
            return Err(Error::bad_parameter(
                "--totp-secret: must be at least 80 bits (16 base32 characters)",
            ));
        }
        devices.push(MfaDevice {
            id: uuid::Uuid::new_v4().to_string(),
            name: if i == 0 { "otp".into() } else { format!("otp{}", i + 1) },
            kind: "totp".into(),
            data: serde_json::json!({ "secret": secret, "last_step": 0 }).to_string(),
            added: SystemTime::now(),
            last_used: None,
        });
    }
    let created = store.put_user(&user, true)?;
    if let Some(hash) = &hash {
        store.set_password_hash(&args.name, hash)?;
    }
    for device in &devices {
        store.add_mfa_device(&args.name, device)?;
    }
    let mut out = std::io::stdout();
    let verb = if created { "created" } else { "updated" };
    let _ = writeln!(out, "User {:?} has been {verb}.", args.name);
    Ok(())
}

/// Hashes a password with argon2id; refuses passwords shorter than Teleport's minimum.
pub fn hash_password(password: &str) -> Result<String> {
    use argon2::password_hash::PasswordHasher;
    if password.chars().count() < 12 {
        return Err(Error::bad_parameter("password must be at least 12 characters long"));
    }
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::internal(format!("hashing password: {e}")))
}
