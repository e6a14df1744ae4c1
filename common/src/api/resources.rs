//! Typed calls of the `/v1` API, one group per resource kind.

use reqwest::Method;

use super::types::{
    CreateTokenRequest, CreateUserResponse, DbCertRequest, DbCertResponse, HostCertRequest, HostCertResponse,
    TokenList, UpsertResponse, UserCertRequest, UserCertResponse,
};
use super::{Client, segment};
use crate::error::Result;
use crate::resources::{AuthPreference, ProvisionToken, Role, User};

impl Client {
    /// Creates a join token.
    pub async fn create_token(&self, req: &CreateTokenRequest) -> Result<ProvisionToken> {
        self.call(Method::POST, "/v1/tokens", Some(req)).await
    }

    /// Lists tokens (join, static, invitations), with their secrets.
    pub async fn list_tokens(&self) -> Result<Vec<ProvisionToken>> {
        let list: TokenList = self.call(Method::GET, "/v1/tokens", None::<&()>).await?;
        Ok(list.tokens)
    }

    /// Reads one token.
    pub async fn get_token(&self, name: &str) -> Result<ProvisionToken> {
        self.call(Method::GET, &format!("/v1/tokens/{}", segment(name)), None::<&()>)
            .await
    }

    /// Creates or replaces a token from a resource.
    pub async fn put_token(&self, token: &ProvisionToken, create_only: bool) -> Result<UpsertResponse> {
        self.put("/v1/tokens", &token.metadata.name, token, create_only).await
    }

    /// Deletes a token.
    pub async fn delete_token(&self, name: &str) -> Result<()> {
        self.send(Method::DELETE, &format!("/v1/tokens/{}", segment(name)), None::<&()>)
            .await?;
        Ok(())
    }

    /// Creates a user with an invitation.
    pub async fn create_user(&self, user: &User) -> Result<CreateUserResponse> {
        self.call(Method::POST, "/v1/users/invite", Some(user)).await
    }

    /// Lists users.
    pub async fn list_users(&self) -> Result<Vec<User>> {
        self.call(Method::GET, "/v1/users", None::<&()>).await
    }

    /// Reads one user.
    pub async fn get_user(&self, name: &str) -> Result<User> {
        self.call(Method::GET, &format!("/v1/users/{}", segment(name)), None::<&()>)
            .await
    }

    /// Creates or replaces a user from a resource (no invitation).
    pub async fn put_user(&self, user: &User, create_only: bool) -> Result<UpsertResponse> {
        self.put("/v1/users", &user.metadata.name, user, create_only).await
    }

    /// Deletes a user.
    pub async fn delete_user(&self, name: &str) -> Result<()> {
        self.send(Method::DELETE, &format!("/v1/users/{}", segment(name)), None::<&()>)
            .await?;
        Ok(())
    }

    /// Lists roles.
    pub async fn list_roles(&self) -> Result<Vec<Role>> {
        self.call(Method::GET, "/v1/roles", None::<&()>).await
    }

    /// Reads one role.
    pub async fn get_role(&self, name: &str) -> Result<Role> {
        self.call(Method::GET, &format!("/v1/roles/{}", segment(name)), None::<&()>)
            .await
    }

    /// Creates or replaces a role.
    pub async fn put_role(&self, role: &Role, create_only: bool) -> Result<UpsertResponse> {
        self.put("/v1/roles", &role.metadata.name, role, create_only).await
    }

    /// Deletes a role.
    pub async fn delete_role(&self, name: &str) -> Result<()> {
        self.send(Method::DELETE, &format!("/v1/roles/{}", segment(name)), None::<&()>)
            .await?;
        Ok(())
    }

    /// Reads the cluster auth preference.
    pub async fn get_cap(&self) -> Result<AuthPreference> {
        self.call(Method::GET, "/v1/cap", None::<&()>).await
    }

    /// Replaces the cluster auth preference.
    pub async fn put_cap(&self, cap: &AuthPreference) -> Result<UpsertResponse> {
        self.call(Method::PUT, "/v1/cap", Some(cap)).await
    }

    /// Signs an SSH host certificate.
    pub async fn sign_host(&self, req: &HostCertRequest) -> Result<HostCertResponse> {
        self.call(Method::POST, "/v1/certs/host", Some(req)).await
    }

    /// Signs SSH and TLS certificates for a user.
    pub async fn sign_user(&self, req: &UserCertRequest) -> Result<UserCertResponse> {
        self.call(Method::POST, "/v1/certs/user", Some(req)).await
    }

    /// Signs a database server certificate.
    pub async fn sign_db(&self, req: &DbCertRequest) -> Result<DbCertResponse> {
        self.call(Method::POST, "/v1/certs/db", Some(req)).await
    }

    // `PUT /v1/<kind>/<name>` creates or replaces; with `?create_only=true` an existing one is a
    // conflict (409), which is what `tctl create` without `-f` wants.
    pub(super) async fn put<T: serde::Serialize>(
        &self,
        base: &str,
        name: &str,
        body: &T,
        create_only: bool,
    ) -> Result<UpsertResponse> {
        let query = if create_only { "?create_only=true" } else { "" };
        self.call(Method::PUT, &format!("{base}/{}{query}", segment(name)), Some(body))
            .await
    }
}
