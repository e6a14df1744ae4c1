//! tctl's (and tsh's device and headless) calls of the Auth service, with resources in their
//! YAML shape: tokens, roles and certificates (`proto.AuthService`), users
//! (`teleport.users.v1`), the cluster auth preference (`teleport.clusterconfig.v1`), databases
//! and Kubernetes clusters; certificate authorities are in `cas.rs`. Writes are admin actions
//! ([`AuthClient::admin_call`]).

use std::time::Duration;

use super::AuthClient;
use super::complete::decode_complete;
use super::convert::{
    cap_from_proto, cap_to_proto, database_from_proto, database_to_proto, kube_from_proto, kube_to_proto,
    role_from_proto, role_to_proto, to_go_nanos, token_from_proto, token_to_proto, user_from_proto, user_to_proto,
};
use super::wire::proto::{
    AddMfaDeviceSyncRequest, CreateRegisterChallengeRequest, CreateResetPasswordTokenRequest, CreateRoleRequest,
    CreateTokenV2Request, DatabaseCertRequest, DatabaseCertResponse, DeleteMfaDeviceSyncRequest, DeleteRoleRequest,
    DeviceType, DeviceUsage, GetHeadlessAuthenticationRequest, GetMfaDevicesRequest, GetRoleRequest, ListRolesRequest,
    MfaAuthenticateResponse, MfaRegisterChallenge, MfaRegisterResponse, UpdateHeadlessAuthenticationStateRequest,
    UpsertRoleRequest, UpsertTokenV2Request, create_token_v2_request, upsert_token_v2_request,
};
use super::wire::teleport::clusterconfig::v1::{GetAuthPreferenceRequest, UpsertAuthPreferenceRequest};
use super::wire::teleport::users::v1::{
    CreateUserRequest, DeleteUserRequest, GetUserRequest, GetUserResponse, ListUsersRequest, UpsertUserRequest,
};
use super::wire::types::{HeadlessAuthentication, HeadlessAuthenticationState, ResourceRequest, UserTokenV3};
use crate::api::login::MfaDevice;
use crate::error::{Error, Result};
use crate::resources::{AuthPreference, Database, KubeCluster, ProvisionToken, Role, User};

/// Roles and users asked for per page.
const PAGE: i32 = 1000;

fn named(name: &str) -> ResourceRequest {
    ResourceRequest { name: name.into() }
}

/// Fails when a server repeats a page key (it would loop forever).
fn next_page(addr: &str, current: &str, next: String) -> Result<Option<String>> {
    if next.is_empty() {
        return Ok(None);
    }
    if next == current {
        return Err(Error::internal(format!("{addr} repeated the page at {current:?}")));
    }
    Ok(Some(next))
}

impl AuthClient {
    // -- tokens ---------------------------------------------------------------------------------

    /// `GetToken`.
    pub async fn get_token(&self, name: &str) -> Result<ProvisionToken> {
        token_from_proto(self.call("GetToken", self.auth().get_token(named(name))).await?)
    }

    /// `GetTokens`: every token in one message (100,000 tokens are about 10 MB, within
    /// [`super::client::MAX_MESSAGE`] on both sides).
    pub async fn list_tokens(&self) -> Result<Vec<ProvisionToken>> {
        let list = self.call("GetTokens", self.auth().get_tokens(())).await?;
        list.provision_tokens.into_iter().map(token_from_proto).collect()
    }

    /// `CreateTokenV2`: fails when the token exists.
    pub async fn create_token(&self, token: &ProvisionToken) -> Result<()> {
        let msg = CreateTokenV2Request {
            token: Some(create_token_v2_request::Token::V2(token_to_proto(token))),
        };
        self.admin_call("CreateTokenV2", msg, |r| {
            let mut c = self.auth();
            async move { c.create_token_v2(r).await }
        })
        .await
    }

    /// `UpsertTokenV2`.
    pub async fn upsert_token(&self, token: &ProvisionToken) -> Result<()> {
        let msg = UpsertTokenV2Request {
            token: Some(upsert_token_v2_request::Token::V2(token_to_proto(token))),
        };
        self.admin_call("UpsertTokenV2", msg, |r| {
            let mut c = self.auth();
            async move { c.upsert_token_v2(r).await }
        })
        .await
    }

    /// `DeleteToken`.
    pub async fn delete_token(&self, name: &str) -> Result<()> {
        self.admin_call("DeleteToken", named(name), |r| {
            let mut c = self.auth();
            async move { c.delete_token(r).await }
        })
        .await
    }

    // -- roles ----------------------------------------------------------------------------------

    /// `GetRole`.
    pub async fn get_role(&self, name: &str) -> Result<Role> {
        let req = GetRoleRequest { name: name.into() };
        role_from_proto(self.call("GetRole", self.auth().get_role(req)).await?)
    }

    /// `ListRoles`, page by page.
    pub async fn list_roles(&self) -> Result<Vec<Role>> {
        let mut roles = Vec::new();
        let mut start_key = String::new();
        loop {
            let req = ListRolesRequest {
                limit: PAGE,
                start_key: start_key.clone(),
            };
            let page = self.call("ListRoles", self.auth().list_roles(req)).await?;
            for r in page.roles {
                roles.push(role_from_proto(r)?);
            }
            match next_page(self.addr(), &start_key, page.next_key)? {
                Some(next) => start_key = next,
                None => return Ok(roles),
            }
        }
    }

    /// `CreateRole`: fails when the role exists.
    pub async fn create_role(&self, role: &Role) -> Result<()> {
        let msg = CreateRoleRequest {
            role: Some(role_to_proto(role)),
        };
        self.admin_call("CreateRole", msg, |r| {
            let mut c = self.auth();
            async move { c.create_role(r).await }
        })
        .await
        .map(drop)
    }

    /// `UpsertRoleV2`.
    pub async fn upsert_role(&self, role: &Role) -> Result<()> {
        let msg = UpsertRoleRequest {
            role: Some(role_to_proto(role)),
        };
        self.admin_call("UpsertRoleV2", msg, |r| {
            let mut c = self.auth();
            async move { c.upsert_role_v2(r).await }
        })
        .await
        .map(drop)
    }

    /// `DeleteRole`.
    pub async fn delete_role(&self, name: &str) -> Result<()> {
        let msg = DeleteRoleRequest { name: name.into() };
        self.admin_call("DeleteRole", msg, |r| {
            let mut c = self.auth();
            async move { c.delete_role(r).await }
        })
        .await
    }

    // -- users ----------------------------------------------------------------------------------

    /// `UsersService.GetUser`.
    pub async fn get_user(&self, name: &str) -> Result<User> {
        let req = GetUserRequest {
            name: name.into(),
            ..GetUserRequest::default()
        };
        let resp = self.call("GetUser", self.users().get_user(req)).await?;
        let user = resp.user.ok_or_else(|| Error::internal("GetUser answered no user"))?;
        Ok(user_from_proto(user))
    }

    /// `UsersService.ListUsers`, page by page.
    pub async fn list_users(&self) -> Result<Vec<User>> {
        let mut users = Vec::new();
        let mut token = String::new();
        loop {
            let req = ListUsersRequest {
                page_size: PAGE,
                page_token: token.clone(),
                with_secrets: false,
            };
            let page = self.call("ListUsers", self.users().list_users(req)).await?;
            users.extend(page.users.into_iter().map(user_from_proto));
            match next_page(self.addr(), &token, page.next_page_token)? {
                Some(next) => token = next,
                None => return Ok(users),
            }
        }
    }

    /// `UsersService.CreateUser`: fails when the user exists.
    pub async fn create_user(&self, user: &User) -> Result<()> {
        let msg = CreateUserRequest {
            user: Some(user_to_proto(user)),
        };
        self.admin_call("CreateUser", msg, |r| {
            let mut c = self.users();
            async move { c.create_user(r).await }
        })
        .await
        .map(drop)
    }

    /// `UsersService.UpsertUser`.
    pub async fn upsert_user(&self, user: &User) -> Result<()> {
        let msg = UpsertUserRequest {
            user: Some(user_to_proto(user)),
        };
        self.admin_call("UpsertUser", msg, |r| {
            let mut c = self.users();
            async move { c.upsert_user(r).await }
        })
        .await
        .map(drop)
    }

    /// `UsersService.DeleteUser`.
    pub async fn delete_user(&self, name: &str) -> Result<()> {
        let msg = DeleteUserRequest { name: name.into() };
        self.admin_call("DeleteUser", msg, |r| {
            let mut c = self.users();
            async move { c.delete_user(r).await }
        })
        .await
    }

    /// `CreateResetPasswordToken`: `kind` is "invite" (a new user) or "password" (a reset).
    pub async fn create_reset_token(&self, name: &str, kind: &str, ttl: Duration) -> Result<UserTokenV3> {
        let msg = CreateResetPasswordTokenRequest {
            name: name.into(),
            r#type: kind.into(),
            ttl: to_go_nanos(ttl),
        };
        self.admin_call("CreateResetPasswordToken", msg, |r| {
            let mut c = self.auth();
            async move { c.create_reset_password_token(r).await }
        })
        .await
    }

    // -- cluster auth preference ----------------------------------------------------------------

    /// `ClusterConfigService.GetAuthPreference`.
    pub async fn get_cap(&self) -> Result<AuthPreference> {
        let req = GetAuthPreferenceRequest {};
        cap_from_proto(
            self.call("GetAuthPreference", self.cluster_config().get_auth_preference(req))
                .await?,
        )
    }

    /// `ClusterConfigService.UpsertAuthPreference`.
    pub async fn upsert_cap(&self, cap: &AuthPreference) -> Result<()> {
        let msg = UpsertAuthPreferenceRequest {
            auth_preference: Some(cap_to_proto(cap)),
        };
        self.admin_call("UpsertAuthPreference", msg, |r| {
            let mut c = self.cluster_config();
            async move { c.upsert_auth_preference(r).await }
        })
        .await
        .map(drop)
    }

    // -- databases and Kubernetes clusters ------------------------------------------------------

    /// `GetDatabase`.
    pub async fn get_database(&self, name: &str) -> Result<Database> {
        let db = self.call("GetDatabase", self.auth().get_database(named(name))).await?;
        Ok(database_from_proto(db))
    }

    /// `GetDatabases`.
    pub async fn list_databases(&self) -> Result<Vec<Database>> {
        let list = self.call("GetDatabases", self.auth().get_databases(())).await?;
        Ok(list.databases.into_iter().map(database_from_proto).collect())
    }

    /// `CreateDatabase` (fails when it exists), or `UpdateDatabase` with `update`.
    pub async fn put_database(&self, db: &Database, update: bool) -> Result<()> {
        let msg = database_to_proto(db);
        if update {
            self.admin_call("UpdateDatabase", msg, |r| {
                let mut c = self.auth();
                async move { c.update_database(r).await }
            })
            .await
        } else {
            self.admin_call("CreateDatabase", msg, |r| {
                let mut c = self.auth();
                async move { c.create_database(r).await }
            })
            .await
        }
    }

    /// `DeleteDatabase`.
    pub async fn delete_database(&self, name: &str) -> Result<()> {
        self.admin_call("DeleteDatabase", named(name), |r| {
            let mut c = self.auth();
            async move { c.delete_database(r).await }
        })
        .await
    }

    /// `GetKubernetesCluster`.
    pub async fn get_kube_cluster(&self, name: &str) -> Result<KubeCluster> {
        let kube = self
            .call("GetKubernetesCluster", self.auth().get_kubernetes_cluster(named(name)))
            .await?;
        Ok(kube_from_proto(kube))
    }

    /// `GetKubernetesClusters`.
    pub async fn list_kube_clusters(&self) -> Result<Vec<KubeCluster>> {
        let list = self
            .call("GetKubernetesClusters", self.auth().get_kubernetes_clusters(()))
            .await?;
        Ok(list.kubernetes_clusters.into_iter().map(kube_from_proto).collect())
    }

    /// `CreateKubernetesCluster` (fails when it exists), or `UpdateKubernetesCluster` with
    /// `update`.
    pub async fn put_kube_cluster(&self, kube: &KubeCluster, update: bool) -> Result<()> {
        let msg = kube_to_proto(kube)?;
        if update {
            self.admin_call("UpdateKubernetesCluster", msg, |r| {
                let mut c = self.auth();
                async move { c.update_kubernetes_cluster(r).await }
            })
            .await
        } else {
            self.admin_call("CreateKubernetesCluster", msg, |r| {
                let mut c = self.auth();
                async move { c.create_kubernetes_cluster(r).await }
            })
            .await
        }
    }

    /// `DeleteKubernetesCluster`.
    pub async fn delete_kube_cluster(&self, name: &str) -> Result<()> {
        self.admin_call("DeleteKubernetesCluster", named(name), |r| {
            let mut c = self.auth();
            async move { c.delete_kubernetes_cluster(r).await }
        })
        .await
    }

    // -- MFA devices --------------------------------------------------------------------------

    /// `GetMFADevices`: the caller's devices, as `tsh mfa ls` shows them.
    pub async fn mfa_devices(&self) -> Result<Vec<MfaDevice>> {
        let req = GetMfaDevicesRequest::default();
        let resp = self.call("GetMFADevices", self.auth().get_mfa_devices(req)).await?;
        Ok(resp
            .devices
            .into_iter()
            .map(super::convert::device_from_proto)
            .collect())
    }

    /// `DeleteMFADeviceSync`: removes the caller's device `name`, with the answer to a
    /// `MANAGE_DEVICES` challenge.
    pub async fn delete_mfa_device(&self, name: &str, existing: MfaAuthenticateResponse) -> Result<()> {
        let req = DeleteMfaDeviceSyncRequest {
            token_id: String::new(),
            device_name: name.into(),
            existing_mfa_response: Some(existing),
        };
        self.call("DeleteMFADeviceSync", self.auth().delete_mfa_device_sync(req))
            .await
    }

    /// `CreateRegisterChallenge` for a new device of `kind`, with the answer to a
    /// `MANAGE_DEVICES` challenge when the caller has a device already.
    pub async fn create_register_challenge(
        &self,
        kind: DeviceType,
        existing: Option<MfaAuthenticateResponse>,
    ) -> Result<MfaRegisterChallenge> {
        let mut req = CreateRegisterChallengeRequest {
            existing_mfa_response: existing,
            ..CreateRegisterChallengeRequest::default()
        };
        req.set_device_type(kind);
        req.set_device_usage(DeviceUsage::Mfa);
        self.call("CreateRegisterChallenge", self.auth().create_register_challenge(req))
            .await
    }

    /// `AddMFADeviceSync`: the new device `name` with its answer to the registration challenge.
    pub async fn add_mfa_device(&self, name: &str, answer: MfaRegisterResponse) -> Result<MfaDevice> {
        let mut req = AddMfaDeviceSyncRequest {
            new_device_name: name.into(),
            new_mfa_response: Some(answer),
            ..AddMfaDeviceSyncRequest::default()
        };
        req.set_device_usage(DeviceUsage::Mfa);
        let resp = self
            .call("AddMFADeviceSync", self.auth().add_mfa_device_sync(req))
            .await?;
        let device = resp
            .device
            .ok_or_else(|| Error::internal("the cluster added a device but did not say which"))?;
        Ok(super::convert::device_from_proto(device))
    }

    // -- headless approval ----------------------------------------------------------------------

    /// `GetHeadlessAuthentication`: one of the caller's requests.
    pub async fn get_headless_authentication(&self, id: &str) -> Result<HeadlessAuthentication> {
        let req = GetHeadlessAuthenticationRequest { id: id.into() };
        self.call(
            "GetHeadlessAuthentication",
            self.auth().get_headless_authentication(req),
        )
        .await
    }

    /// `UpdateHeadlessAuthenticationState`: approve (with the answer to a `HEADLESS_LOGIN`
    /// challenge) or deny.
    pub async fn update_headless_authentication_state(
        &self,
        id: &str,
        state: HeadlessAuthenticationState,
        mfa_response: Option<MfaAuthenticateResponse>,
    ) -> Result<()> {
        let req = UpdateHeadlessAuthenticationStateRequest {
            id: id.into(),
            state: state as i32,
            mfa_response,
        };
        self.call(
            "UpdateHeadlessAuthenticationState",
            self.auth().update_headless_authentication_state(req),
        )
        .await
    }

    // -- resources to change, complete ------------------------------------------------------------

    /// The role named, for `tctl edit`: fails when the cluster holds fields this client would
    /// drop.
    pub async fn get_role_complete(&self, name: &str) -> Result<Role> {
        let req = GetRoleRequest { name: name.into() };
        let raw = self.raw_call("/proto.AuthService/GetRole", req).await?;
        role_from_proto(decode_complete(&raw, &format!("role {name:?}"))?)
    }

    /// The user named, for `tctl edit`.
    pub async fn get_user_complete(&self, name: &str) -> Result<User> {
        let req = GetUserRequest {
            name: name.into(),
            ..GetUserRequest::default()
        };
        let raw = self.raw_call("/teleport.users.v1.UsersService/GetUser", req).await?;
        let resp: GetUserResponse = decode_complete(&raw, &format!("user {name:?}"))?;
        let user = resp.user.ok_or_else(|| Error::internal("GetUser answered no user"))?;
        Ok(user_from_proto(user))
    }

    /// The cluster auth preference, for `tctl edit`.
    pub async fn get_cap_complete(&self) -> Result<AuthPreference> {
        let raw = self
            .raw_call(
                "/teleport.clusterconfig.v1.ClusterConfigService/GetAuthPreference",
                GetAuthPreferenceRequest {},
            )
            .await?;
        cap_from_proto(decode_complete(&raw, "the cluster auth preference")?)
    }

    /// The database named, for `tctl edit`.
    pub async fn get_database_complete(&self, name: &str) -> Result<Database> {
        let raw = self.raw_call("/proto.AuthService/GetDatabase", named(name)).await?;
        Ok(database_from_proto(decode_complete(
            &raw,
            &format!("database {name:?}"),
        )?))
    }

    /// The Kubernetes cluster named, for `tctl edit`.
    pub async fn get_kube_cluster_complete(&self, name: &str) -> Result<KubeCluster> {
        let raw = self
            .raw_call("/proto.AuthService/GetKubernetesCluster", named(name))
            .await?;
        Ok(kube_from_proto(decode_complete(
            &raw,
            &format!("Kubernetes cluster {name:?}"),
        )?))
    }

    /// `GenerateDatabaseCert`.
    pub async fn generate_database_cert(&self, req: DatabaseCertRequest) -> Result<DatabaseCertResponse> {
        self.call("GenerateDatabaseCert", self.auth().generate_database_cert(req))
            .await
    }
}
