//! `proto.AuthService`: each call identifies its caller from the client certificate, then
//! hands over to the module that does the work. Answers and refusals are Teleport's.

use std::sync::Arc;

use tele_common::grpc::wire::proto::auth_service_server::AuthService;
use tele_common::grpc::wire::proto::{
    Certs, CreateAuthenticateChallengeRequest, Features, IsMfaRequiredRequest, IsMfaRequiredResponse,
    ListResourcesRequest, ListResourcesResponse, MfaAuthenticateChallenge, PingRequest, PingResponse, UserCertsRequest,
};
use tonic::{Request, Response, Status};

use super::{caller, certs, nodes, status};
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
}
