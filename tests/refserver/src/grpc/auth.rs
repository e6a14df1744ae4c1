//! `proto.AuthService`: each call identifies its caller from the client certificate, then
//! hands over to the module that does the work. Answers and refusals are Teleport's.

use std::sync::Arc;

use tele_common::grpc::convert::{database_from_proto, database_to_proto, kube_from_proto, kube_to_proto};
use tele_common::grpc::wire::events::OneOf;
use tele_common::grpc::wire::proto::auth_service_server::AuthService;
use tele_common::grpc::wire::proto::{
    AddMfaDeviceSyncRequest, AddMfaDeviceSyncResponse, Certs, CreateAuthenticateChallengeRequest,
    CreateRegisterChallengeRequest, CreateResetPasswordTokenRequest, CreateRoleRequest, CreateTokenV2Request,
    DatabaseCertRequest, DatabaseCertResponse, DeleteMfaDeviceSyncRequest, DeleteRoleRequest, Events, Features,
    GetHeadlessAuthenticationRequest, GetMfaDevicesRequest, GetMfaDevicesResponse, GetRoleRequest,
    GetSessionEventsRequest, IsMfaRequiredRequest, IsMfaRequiredResponse, ListResourcesRequest, ListResourcesResponse,
    ListRolesRequest, ListRolesResponse, MfaAuthenticateChallenge, MfaRegisterChallenge, PingRequest, PingResponse,
    StreamSessionEventsRequest, UpdateHeadlessAuthenticationStateRequest, UpdateRoleRequest, UpsertRoleRequest,
    UpsertTokenV2Request, UserCertsRequest, create_token_v2_request, upsert_token_v2_request,
};
use tele_common::grpc::wire::types::{
    DatabaseV3, DatabaseV3List, HeadlessAuthentication, KubernetesClusterV3, KubernetesClusterV3List, ProvisionTokenV2,
    ProvisionTokenV2List, ResourceRequest, RoleV6, UserTokenV3,
};
use tele_common::resources::{Database, KubeCluster};
use tonic::{Request, Response, Status};

use super::roles::Write;
use super::{admin_caller, caller, catalog, certs, headless, nodes, roles, sign, status, tokens, users};
use crate::server::Server;

/// The service, over the running server's state.
pub struct AuthSvc {
    s: Arc<Server>,
}

impl AuthSvc {
    /// Serves `s`.
    pub fn new(s: Arc<Server>) -> Self {
        Self { s }
    }
}

type Answer<T> = std::result::Result<Response<T>, Status>;

fn answer<T>(r: tele_common::error::Result<T>) -> Answer<T> {
    r.map(Response::new).map_err(|e| status(&e))
}

#[tonic::async_trait]
impl AuthService for AuthSvc {
    async fn ping(&self, req: Request<PingRequest>) -> Answer<PingResponse> {
        let call = caller(&self.s, &req)?;
        let settings = &self.s.settings;
        let suite = self
            .s
            .cap()
            .map_err(|e| status(&e))?
            .spec
            .signature_algorithm_suite
            .map(|s| i32::from(s.number()))
            .unwrap_or_default();
        Ok(Response::new(PingResponse {
            cluster_name: settings.cluster_name.clone(),
            server_version: tele_common::VERSION.into(),
            server_features: Some(Features {}),
            proxy_public_addr: settings.public_web_addr.clone(),
            is_boring: false,
            remote_addr: call.remote.to_string(),
            load_all_c_as: false,
            signature_algorithm_suite: suite,
        }))
    }

    async fn list_resources(&self, req: Request<ListResourcesRequest>) -> Answer<ListResourcesResponse> {
        let call = caller(&self.s, &req)?;
        answer(nodes::list(&self.s, &call.who, req.into_inner()))
    }

    async fn is_mfa_required(&self, req: Request<IsMfaRequiredRequest>) -> Answer<IsMfaRequiredResponse> {
        let call = caller(&self.s, &req)?;
        answer(certs::is_mfa_required(&self.s, &call.who, &req.into_inner()))
    }

    async fn create_authenticate_challenge(
        &self,
        req: Request<CreateAuthenticateChallengeRequest>,
    ) -> Answer<MfaAuthenticateChallenge> {
        let call = caller(&self.s, &req)?;
        answer(certs::challenge(&self.s, &call.who, req.into_inner()))
    }

    async fn generate_user_certs(&self, req: Request<UserCertsRequest>) -> Answer<Certs> {
        let call = caller(&self.s, &req)?;
        answer(certs::user_certs(&self.s, &call, req.into_inner()))
    }

    async fn generate_database_cert(&self, req: Request<DatabaseCertRequest>) -> Answer<DatabaseCertResponse> {
        let call = caller(&self.s, &req)?;
        answer(sign::database_cert(&self.s, &call.who, req.into_inner()))
    }

    async fn get_token(&self, req: Request<ResourceRequest>) -> Answer<ProvisionTokenV2> {
        let call = caller(&self.s, &req)?;
        answer(tokens::get(&self.s, &call.who, &req.into_inner().name))
    }

    async fn get_tokens(&self, req: Request<()>) -> Answer<ProvisionTokenV2List> {
        let call = caller(&self.s, &req)?;
        let s = self.s.clone();
        // A listing reads the whole table: off the runtime's threads.
        let list = tokio::task::spawn_blocking(move || tokens::list(&s, &call.who))
            .await
            .map_err(|e| Status::internal(format!("listing tokens: {e}")))?;
        answer(list)
    }

    async fn create_token_v2(&self, req: Request<CreateTokenV2Request>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        let token = req.into_inner().token.map(|create_token_v2_request::Token::V2(t)| t);
        answer(tokens::put(&self.s, &call.who, token, false))
    }

    async fn upsert_token_v2(&self, req: Request<UpsertTokenV2Request>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        let token = req.into_inner().token.map(|upsert_token_v2_request::Token::V2(t)| t);
        answer(tokens::put(&self.s, &call.who, token, true))
    }

    async fn delete_token(&self, req: Request<ResourceRequest>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        answer(tokens::delete(&self.s, &call.who, &req.into_inner().name))
    }

    async fn get_role(&self, req: Request<GetRoleRequest>) -> Answer<RoleV6> {
        let call = caller(&self.s, &req)?;
        answer(roles::get(&self.s, &call.who, &req.into_inner().name))
    }

    async fn list_roles(&self, req: Request<ListRolesRequest>) -> Answer<ListRolesResponse> {
        let call = caller(&self.s, &req)?;
        let req = req.into_inner();
        answer(roles::list(&self.s, &call.who, req.limit, &req.start_key))
    }

    async fn create_role(&self, req: Request<CreateRoleRequest>) -> Answer<RoleV6> {
        let call = admin_caller(&self.s, &req)?;
        answer(roles::put(&self.s, &call.who, req.into_inner().role, Write::Create))
    }

    async fn update_role(&self, req: Request<UpdateRoleRequest>) -> Answer<RoleV6> {
        let call = admin_caller(&self.s, &req)?;
        answer(roles::put(&self.s, &call.who, req.into_inner().role, Write::Update))
    }

    async fn upsert_role_v2(&self, req: Request<UpsertRoleRequest>) -> Answer<RoleV6> {
        let call = admin_caller(&self.s, &req)?;
        answer(roles::put(&self.s, &call.who, req.into_inner().role, Write::Upsert))
    }

    async fn delete_role(&self, req: Request<DeleteRoleRequest>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        answer(roles::delete(&self.s, &call.who, &req.into_inner().name))
    }

    async fn create_reset_password_token(&self, req: Request<CreateResetPasswordTokenRequest>) -> Answer<UserTokenV3> {
        let call = admin_caller(&self.s, &req)?;
        answer(users::reset_token(&self.s, &call.who, req.into_inner()))
    }

    async fn get_database(&self, req: Request<ResourceRequest>) -> Answer<DatabaseV3> {
        let call = caller(&self.s, &req)?;
        let db = catalog::get::<Database>(&self.s, &call.who, &req.into_inner().name);
        answer(db.map(|d| database_to_proto(&d)))
    }

    async fn get_databases(&self, req: Request<()>) -> Answer<DatabaseV3List> {
        let call = caller(&self.s, &req)?;
        let all = self.s.store.databases().map_err(|e| status(&e))?;
        let databases = catalog::list(&call.who, all);
        Ok(Response::new(DatabaseV3List {
            databases: databases.iter().map(database_to_proto).collect(),
        }))
    }

    async fn create_database(&self, req: Request<DatabaseV3>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        let db = database_from_proto(req.into_inner());
        answer(catalog::put(&self.s, &call.who, db, false))
    }

    async fn update_database(&self, req: Request<DatabaseV3>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        let db = database_from_proto(req.into_inner());
        answer(catalog::put(&self.s, &call.who, db, true))
    }

    async fn delete_database(&self, req: Request<ResourceRequest>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        answer(catalog::delete::<Database>(&self.s, &call.who, &req.into_inner().name))
    }

    async fn get_kubernetes_cluster(&self, req: Request<ResourceRequest>) -> Answer<KubernetesClusterV3> {
        let call = caller(&self.s, &req)?;
        let kube = catalog::get::<KubeCluster>(&self.s, &call.who, &req.into_inner().name);
        answer(kube.and_then(|k| kube_to_proto(&k)))
    }

    async fn get_kubernetes_clusters(&self, req: Request<()>) -> Answer<KubernetesClusterV3List> {
        let call = caller(&self.s, &req)?;
        let all = self.s.store.kube_clusters().map_err(|e| status(&e))?;
        let kubes = catalog::list(&call.who, all);
        answer(
            kubes
                .iter()
                .map(kube_to_proto)
                .collect::<tele_common::error::Result<Vec<_>>>()
                .map(|kubernetes_clusters| KubernetesClusterV3List { kubernetes_clusters }),
        )
    }

    async fn create_kubernetes_cluster(&self, req: Request<KubernetesClusterV3>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        let kube = kube_from_proto(req.into_inner());
        answer(catalog::put(&self.s, &call.who, kube, false))
    }

    async fn update_kubernetes_cluster(&self, req: Request<KubernetesClusterV3>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        let kube = kube_from_proto(req.into_inner());
        answer(catalog::put(&self.s, &call.who, kube, true))
    }

    async fn delete_kubernetes_cluster(&self, req: Request<ResourceRequest>) -> Answer<()> {
        let call = admin_caller(&self.s, &req)?;
        answer(catalog::delete::<KubeCluster>(
            &self.s,
            &call.who,
            &req.into_inner().name,
        ))
    }

    async fn get_headless_authentication(
        &self,
        req: Request<GetHeadlessAuthenticationRequest>,
    ) -> Answer<HeadlessAuthentication> {
        let call = caller(&self.s, &req)?;
        answer(headless::get(&self.s, &call.who, &req.into_inner().id).await)
    }

    async fn update_headless_authentication_state(
        &self,
        req: Request<UpdateHeadlessAuthenticationStateRequest>,
    ) -> Answer<()> {
        let call = caller(&self.s, &req)?;
        answer(headless::update(&self.s, &call.who, req.into_inner()))
    }

    async fn get_mfa_devices(&self, req: Request<GetMfaDevicesRequest>) -> Answer<GetMfaDevicesResponse> {
        let call = caller(&self.s, &req)?;
        if !req.get_ref().token_id.is_empty() {
            return Err(status(&tele_common::error::Error::not_implemented(
                "this server lists devices for the signed-in user only, not by token",
            )));
        }
        answer(certs::mfa_devices(&self.s, &call.who))
    }

    async fn delete_mfa_device_sync(&self, req: Request<DeleteMfaDeviceSyncRequest>) -> Answer<()> {
        let call = caller(&self.s, &req)?;
        answer(certs::delete_mfa_device(&self.s, &call.who, req.into_inner()))
    }

    async fn get_session_events(&self, req: Request<GetSessionEventsRequest>) -> Answer<Events> {
        let call = caller(&self.s, &req)?;
        answer(super::recordings::list(&self.s, &call.who, req.into_inner()))
    }

    type StreamSessionEventsStream = tokio_stream::Iter<std::vec::IntoIter<std::result::Result<OneOf, Status>>>;

    async fn stream_session_events(
        &self,
        req: Request<StreamSessionEventsRequest>,
    ) -> Answer<Self::StreamSessionEventsStream> {
        let call = caller(&self.s, &req)?;
        let events = super::recordings::stream(&self.s, &call.who, req.into_inner()).map_err(|e| status(&e))?;
        Ok(Response::new(tokio_stream::iter(
            events.into_iter().map(Ok).collect::<Vec<_>>(),
        )))
    }

    async fn create_register_challenge(
        &self,
        req: Request<CreateRegisterChallengeRequest>,
    ) -> Answer<MfaRegisterChallenge> {
        let call = caller(&self.s, &req)?;
        answer(super::register::challenge(&self.s, &call.who, req.into_inner()))
    }

    async fn add_mfa_device_sync(&self, req: Request<AddMfaDeviceSyncRequest>) -> Answer<AddMfaDeviceSyncResponse> {
        let call = caller(&self.s, &req)?;
        answer(super::register::add(&self.s, &call.who, req.into_inner()))
    }
}
