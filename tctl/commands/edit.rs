//! `tctl edit cap|role/NAME|user/NAME`: the resource goes into `$VISUAL`/`$EDITOR` as YAML and
//! comes back through the same validation as `tctl create -f`. When the edit does not validate,
//! the edited text is kept and its path printed, so nothing typed is lost.

use std::path::Path;

use tele_common::env;
use tele_common::error::{Error, Result, io_error};
use tele_common::fsutil;
use tele_common::resources::Resource;

use super::resource::{self, Selector};
use crate::cli::Env;

/// Edit a resource in $EDITOR
#[derive(clap::Args)]
pub struct EditArgs {
    /// Resource: cap, role/NAME, user/NAME, db/NAME, kube_cluster/NAME
    resource: Selector,
}

pub async fn run(env: &mut Env, args: EditArgs) -> Result<()> {
    let client = env.connect_auth().await?;
    let original = vec![resource::fetch_complete(&client, &args.resource).await?];
    let text = resource::to_yaml_documents(&original);
    let dir = tempfile::Builder::new()
        .prefix("tctl-edit-")
        .tempdir()
        .map_err(|e| Error::internal(format!("temp dir: {e}")))?;
    let path = dir.path().join("resource.yaml");
    fsutil::write_private(&path, text.as_bytes())?;
    run_editor(env, &path)?;
    let edited = std::fs::read_to_string(&path).map_err(|e| io_error("reading", &path, e))?;
    if edited == text {
        return env.msg("edit canceled, no changes made\n");
    }
    let parsed = Resource::parse_all(&edited).and_then(|rs| match rs.as_slice() {
        [one] if same_target(one, &original[0]) => Ok(one.clone()),
        [_] => Err(Error::bad_parameter("kind and metadata.name cannot change in an edit")),
        _ => Err(Error::bad_parameter("the edited file must hold exactly one resource")),
    });
    let result = match parsed {
        Ok(r) => resource::put(&client, &r, true).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(line) => env.out(&format!("{line}\n")),
        Err(e) => {
            let kept = dir.keep();
            Err(e.with_hint(format!(
                "your edit is saved in {}",
                kept.join("resource.yaml").display()
            )))
        }
    }
}

fn same_target(a: &Resource, b: &Resource) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b) && a.name() == b.name()
}

/// Runs the user's editor through the shell, so `EDITOR="code --wait"` works.
fn run_editor(env: &Env, path: &Path) -> Result<()> {
    let editor = env
        .ctx
        .var(env::VISUAL)
        .or_else(|| env.ctx.var(env::EDITOR))
        .unwrap_or("vi")
        .to_string();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("tctl-edit")
        .arg(path)
        .status()
        .map_err(|e| Error::internal(format!("running editor {editor:?}: {e}")))?;
    if !status.success() {
        return Err(Error::bad_parameter(format!(
            "editor {editor:?} exited with {status}; nothing was changed"
        )));
    }
    Ok(())
}
