//! `teleport.users.v1.UsersService` and `CreateResetPasswordToken` (the invitation of
//! `tctl users add`, the reset of `tctl users reset`). Passwords and MFA devices never leave
//! the server; reset and invitation tokens are secrets that only their URL carries.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tele_common::error::{Error, Result};
use tele_common::grpc::convert::{from_go_nanos, metadata_named, to_timestamp, user_from_proto, user_to_proto};
use tele_common::grpc::wire::proto::CreateResetPasswordTokenRequest;
use tele_common::grpc::wire::teleport::users::v1::users_service_server::UsersService;
use tele_common::grpc::wire::teleport::users::v1::{
    CreateUserRequest, CreateUserResponse, DeleteUserRequest, GetUserRequest, GetUserResponse, ListUsersRequest,
    ListUsersResponse, UpdateUserRequest, UpdateUserResponse, UpsertUserRequest, UpsertUserResponse,
};
use tele_common::grpc::wire::types::{UserTokenSpecV3, UserTokenV3, UserV2};
use tele_common::resources::{User, Verb};
use tonic::{Request, Response, Status};

use super::{admin_caller, caller, status};
use crate::authz::Caller;
use crate::server::Server;
use crate::settings::INVITE_TTL;

const RESOURCE: &str = "user";
/// The `user_tokens` kind both invitations and resets are stored as: the page behind either
/// URL sets a password and adds a device.
const INVITE: &str = "invite";
/// The longest reset or invitation a server issues.
const MAX_RESET_TTL: Duration = Duration::from_secs(48 * 3600);

/// The service, over the running server's state.
pub struct UsersSvc {
    s: Arc<Server>,
}

impl UsersSvc {
    /// Serves `s`.
    pub fn new(s: Arc<Server>) -> Self {
        Self { s }
    }
}

type Answer<T> = std::result::Result<Response<T>, Status>;

fn answer<T>(r: Result<T>) -> Answer<T> {
    r.map(Response::new).map_err(|e| status(&e))
}

#[tonic::async_trait]
impl UsersService for UsersSvc {
    async fn get_user(&self, req: Request<GetUserRequest>) -> Answer<GetUserResponse> {
        let call = caller(&self.s, &req)?;
        let req = req.into_inner();
        answer((|| {
            if req.with_secrets {
                return Err(Error::access_denied("this server never hands out user secrets"));
            }
            let name = if req.current_user {
                call.who.name().to_string()
            } else {
                call.who.check(RESOURCE, Verb::Read)?;
                req.name
            };
            let row = self.s.store.user(&name)?.ok_or_else(|| not_found(&name))?;
            Ok(GetUserResponse {
                user: Some(user_to_proto(&row.user)),
            })
        })())
    }

    async fn list_users(&self, req: Request<ListUsersRequest>) -> Answer<ListUsersResponse> {
        let call = caller(&self.s, &req)?;
        let req = req.into_inner();
        answer((|| {
            call.who.check(RESOURCE, Verb::List)?;
            let users: Vec<User> = self.s.store.users()?.into_iter().map(|r| r.user).collect();
            let (page, next_page_token) =
                super::page_by_name(users, |u| &u.metadata.name, req.page_size, &req.page_token);
            Ok(ListUsersResponse {
                users: page.iter().map(user_to_proto).collect(),
                next_page_token,
            })
        })())
    }

    async fn create_user(&self, req: Request<CreateUserRequest>) -> Answer<CreateUserResponse> {
        let call = admin_caller(&self.s, &req)?;
        let user = put(&self.s, &call.who, req.into_inner().user, false);
        answer(user.map(|user| CreateUserResponse { user: Some(user) }))
    }

    async fn update_user(&self, req: Request<UpdateUserRequest>) -> Answer<UpdateUserResponse> {
        let call = admin_caller(&self.s, &req)?;
        let user = req.into_inner().user;
        let name = user
            .as_ref()
            .and_then(|u| u.metadata.as_ref())
            .map(|m| m.name.clone())
            .unwrap_or_default();
        answer((|| {
            call.who.check(RESOURCE, Verb::Update)?;
            if self.s.store.user(&name)?.is_none() {
                return Err(not_found(&name));
            }
            let user = put(&self.s, &call.who, user, true)?;
            Ok(UpdateUserResponse { user: Some(user) })
        })())
    }

    async fn upsert_user(&self, req: Request<UpsertUserRequest>) -> Answer<UpsertUserResponse> {
        let call = admin_caller(&self.s, &req)?;
        let user = put(&self.s, &call.who, req.into_inner().user, true);
        answer(user.map(|user| UpsertUserResponse { user: Some(user) }))
    }

    async fn delete_user(&self, req: Request<DeleteUserRequest>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        let name = req.into_inner().name;
        answer((|| {
            call.who.check(RESOURCE, Verb::Delete)?;
            if !self.s.store.delete_user(&name)? {
                return Err(not_found(&name));
            }
            tracing::info!(user = name, "user deleted");
            Ok(())
        })())
    }
}

/// Creates (`replace` false: fails when it exists) or replaces a user; the password and devices
/// of a replaced user stay.
fn put(s: &Server, caller: &Caller, user: Option<UserV2>, replace: bool) -> Result<UserV2> {
    caller.check(RESOURCE, Verb::Create)?;
    if replace {
        caller.check(RESOURCE, Verb::Update)?;
    }
    let user = user_from_proto(user.ok_or_else(|| Error::bad_parameter("missing user"))?);
    user.validate()?;
    for (i, role) in user.spec.roles.iter().enumerate() {
        if s.store.role(role)?.is_none() {
            return Err(
                Error::bad_parameter(format!("spec.roles[{i}]: role {role:?} is not found"))
                    .with_hint("list roles with: tctl get roles"),
            );
        }
    }
    let created = s.store.put_user(&user, replace)?;
    tracing::info!(user = user.metadata.name, created, "user stored");
    Ok(user_to_proto(&user))
}

/// `CreateResetPasswordToken`: an invitation (`Type` "invite", a user without a password yet)
/// or a reset (`Type` "password"); the answer's URL is the page that uses it.
pub fn reset_token(s: &Server, caller: &Caller, req: CreateResetPasswordTokenRequest) -> Result<UserTokenV3> {
    caller.check(RESOURCE, Verb::Update)?;
    let page = match req.r#type.as_str() {
        "invite" => "invite",
        "password" | "" => "reset",
        other => {
            return Err(Error::bad_parameter(format!(
                "unknown reset token type {other:?}, expected invite or password"
            )));
        }
    };
    let ttl = match from_go_nanos(req.ttl) {
        d if d.is_zero() => INVITE_TTL,
        d if d > MAX_RESET_TTL => {
            return Err(Error::bad_parameter(format!(
                "failed to create user token: maximum token TTL is {}",
                tele_common::duration::format(MAX_RESET_TTL)
            )));
        }
        d => d,
    };
    if s.store.user(&req.name)?.is_none() {
        return Err(not_found(&req.name));
    }
    let token = hex::encode(rand::random::<[u8; 16]>());
    let now = SystemTime::now();
    let expires = now + ttl;
    s.store.put_user_token(&token, &req.name, INVITE, expires)?;
    tracing::info!(user = req.name, kind = page, "user token created");
    let mut metadata = metadata_named(&token);
    metadata.expires = Some(to_timestamp(expires));
    Ok(UserTokenV3 {
        kind: "user_token".into(),
        sub_kind: if page == "invite" { "invite" } else { "password" }.into(),
        version: "v3".into(),
        metadata: Some(metadata),
        spec: Some(UserTokenSpecV3 {
            user: req.name,
            url: format!("https://{}/web/{page}/{token}", s.settings.public_web_addr),
            usage: 0,
            created: Some(to_timestamp(now)),
        }),
    })
}

fn not_found(name: &str) -> Error {
    Error::not_found(format!("user {name:?} is not found"))
}
