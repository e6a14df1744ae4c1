//! Byte-level fixtures of the messages tctl speaks: tokens, roles, users (`teleport.users.v1`),
//! the cluster auth preference (`teleport.clusterconfig.v1`), certificate authorities and host
//! certificates (`teleport.trust.v1`), databases, Kubernetes clusters, reset tokens and
//! database certificates, with the field numbers of Teleport's `.proto` files as literals.
//! Resources are also pinned through their YAML shape, so a conversion that drops or moves a
//! field fails here.

mod support;

use prost::Message;
use support::{Pb, pin};
use tele_common::grpc::convert;
use tele_common::grpc::wire::proto::is_mfa_required_request::Target;
use tele_common::grpc::wire::proto::*;
use tele_common::grpc::wire::teleport::clusterconfig::v1::UpsertAuthPreferenceRequest;
use tele_common::grpc::wire::teleport::trust::v1::{
    GenerateHostCertRequest, GenerateHostCertResponse, GetCertAuthoritiesRequest, GetCertAuthoritiesResponse,
};
use tele_common::grpc::wire::teleport::users::v1::{
    CreateUserRequest, DeleteUserRequest, ListUsersRequest, ListUsersResponse, UpsertUserRequest,
};
use tele_common::grpc::wire::types::{
    CaKeySet, CertAuthoritySpecV2, CertAuthorityV2, ProvisionTokenV2List, ResourceRequest, SshKeyPair, TlsKeyPair,
    UserTokenSpecV3, UserTokenV3,
};
use tele_common::resources::Resource;

/// Metadata with Name = 1 and Namespace = 2 "default".
fn metadata(name: &str) -> Pb {
    Pb::new().str(1, name).str(2, "default")
}

/// A resource header: Kind = 1, Version = 3, Metadata = 4, then Spec = 5.
fn resource(kind: &str, version: &str, meta: Pb, spec: Pb) -> Pb {
    Pb::new().str(1, kind).str(3, version).msg(4, meta).msg(5, spec)
}

fn parse(yaml: &str) -> Resource {
    Resource::parse_all(yaml).unwrap().remove(0)
}

#[test]
fn tokens() {
    let token = match parse(
        "kind: token\nversion: v2\nmetadata:\n  name: abc\n  labels:\n    env: prod\n  expires: \"2030-01-02T03:04:05Z\"\nspec:\n  roles: [Node, Db]\n  join_method: token\n",
    ) {
        Resource::Token(t) => t,
        other => panic!("{other:?}"),
    };
    let v2 = convert::token_to_proto(&token);
    // Metadata: Labels = 5 (map entries), Expires = 6 (Timestamp seconds = 1).
    let meta = metadata("abc")
        .map_entry(5, "env", "prod")
        .msg(6, Pb::new().varint(1, 1_893_553_445));
    // ProvisionTokenSpecV2: Roles = 1 (repeated), JoinMethod = 4.
    let spec = Pb::new().str(1, "Node").str(1, "Db").str(4, "token");
    let expected = resource("token", "v2", meta, spec);
    pin(&v2, &expected);
    assert_eq!(convert::token_from_proto(v2.clone()).unwrap(), token);
    // CreateTokenV2Request / UpsertTokenV2Request: oneof Token { V2 = 1 }.
    pin(
        &CreateTokenV2Request {
            token: Some(create_token_v2_request::Token::V2(v2.clone())),
        },
        &Pb::new().msg(1, expected.clone()),
    );
    pin(
        &UpsertTokenV2Request {
            token: Some(upsert_token_v2_request::Token::V2(v2.clone())),
        },
        &Pb::new().msg(1, expected.clone()),
    );
    // ProvisionTokenV2List: ProvisionTokens = 1.
    pin(
        &ProvisionTokenV2List {
            provision_tokens: vec![v2.clone(), v2],
        },
        &Pb::new().msg(1, expected.clone()).msg(1, expected),
    );
    // types.ResourceRequest (GetToken, DeleteToken, databases, Kubernetes): Name = 1.
    pin(&ResourceRequest { name: "abc".into() }, &Pb::new().str(1, "abc"));
}

#[test]
fn roles() {
    let role = match parse(
        "kind: role\nversion: v7\nmetadata:\n  name: dev\nspec:\n  options:\n    max_session_ttl: 8h\n    require_session_mfa: true\n    forward_agent: true\n    port_forwarding: false\n  allow:\n    logins: [ubuntu]\n    node_labels:\n      env: [dev, stage]\n    db_labels:\n      '*': '*'\n    db_names: [app]\n    db_users: [reader]\n    kubernetes_groups: [viewers]\n    rules:\n      - resources: [token]\n        verbs: [list, create]\n  deny:\n    logins: [root]\n",
    ) {
        Resource::Role(r) => r,
        other => panic!("{other:?}"),
    };
    let v6 = convert::role_to_proto(&role);
    // RoleOptions: ForwardAgent = 1, MaxSessionTTL = 2 (ns), PortForwarding = 3 (BoolValue,
    // Value = 1 false: an empty message), RequireMFAType = 23 (SESSION = 1).
    let options = Pb::new()
        .varint(1, 1)
        .varint(2, 8 * 3600 * 1_000_000_000)
        .msg(3, Pb::new())
        .varint(23, 1);
    // wrappers.LabelValues: Values = 1, map<string, StringValues{Values = 1}>.
    let node_labels = Pb::new().msg(
        1,
        Pb::new().str(1, "env").msg(2, Pb::new().str(1, "dev").str(1, "stage")),
    );
    let db_labels = Pb::new().msg(1, Pb::new().str(1, "*").msg(2, Pb::new().str(1, "*")));
    // RoleConditions: Logins = 1, NodeLabels = 3, Rules = 4 {Resources = 1, Verbs = 2},
    // KubeGroups = 5, DatabaseLabels = 11, DatabaseNames = 12, DatabaseUsers = 13.
    let allow = Pb::new()
        .str(1, "ubuntu")
        .msg(3, node_labels)
        .msg(4, Pb::new().str(1, "token").str(2, "list").str(2, "create"))
        .str(5, "viewers")
        .msg(11, db_labels)
        .str(12, "app")
        .str(13, "reader");
    let deny = Pb::new().str(1, "root");
    let spec = Pb::new().msg(1, options).msg(2, allow).msg(3, deny);
    let expected = resource("role", "v7", metadata("dev"), spec);
    pin(&v6, &expected);
    assert_eq!(convert::role_from_proto(v6.clone()).unwrap(), role);
    // CreateRoleRequest, UpdateRoleRequest, UpsertRoleRequest: Role = 1.
    pin(
        &UpsertRoleRequest { role: Some(v6.clone()) },
        &Pb::new().msg(1, expected.clone()),
    );
    pin(
        &CreateRoleRequest { role: Some(v6.clone()) },
        &Pb::new().msg(1, expected.clone()),
    );
    // GetRoleRequest, DeleteRoleRequest: Name = 1; ListRolesRequest: Limit = 1, StartKey = 2;
    // ListRolesResponse: Roles = 1, NextKey = 2.
    pin(&GetRoleRequest { name: "dev".into() }, &Pb::new().str(1, "dev"));
    pin(&DeleteRoleRequest { name: "dev".into() }, &Pb::new().str(1, "dev"));
    pin(
        &ListRolesRequest {
            limit: 1000,
            start_key: "b".into(),
        },
        &Pb::new().varint(1, 1000).str(2, "b"),
    );
    pin(
        &ListRolesResponse {
            roles: vec![v6],
            next_key: "z".into(),
        },
        &Pb::new().msg(1, expected).str(2, "z"),
    );
}

#[test]
fn what_this_client_cannot_hold_is_an_error_naming_the_field() {
    // A rule with `where` (Rule.Where = 3) from a Teleport cluster.
    let bytes = resource(
        "role",
        "v7",
        metadata("x"),
        Pb::new().msg(
            2,
            Pb::new().msg(4, Pb::new().str(1, "session").str(2, "list").str(3, "contains(x)")),
        ),
    );
    let role = tele_common::grpc::wire::types::RoleV6::decode(bytes.0.as_slice()).unwrap();
    let err = convert::role_from_proto(role).unwrap_err();
    assert!(err.message().starts_with("spec.allow.rules[0].where: "), "{err}");
    // A hardware-key MFA mode (RequireMFAType = 23, HARDWARE_KEY_TOUCH = 3).
    let bytes = resource("role", "v7", metadata("x"), Pb::new().msg(1, Pb::new().varint(23, 3)));
    let role = tele_common::grpc::wire::types::RoleV6::decode(bytes.0.as_slice()).unwrap();
    let err = convert::role_from_proto(role).unwrap_err();
    assert_eq!(
        err.message(),
        "spec.options.require_session_mfa: HARDWARE_KEY_TOUCH is not supported by this client"
    );
}

#[test]
fn users() {
    let user = match parse(
        "kind: user\nversion: v2\nmetadata:\n  name: alice\nspec:\n  roles: [access]\n  traits:\n    logins: [alice, root]\n",
    ) {
        Resource::User(u) => u,
        other => panic!("{other:?}"),
    };
    let v2 = convert::user_to_proto(&user);
    // UserSpecV2: Roles = 4, Traits = 5 (wrappers.LabelValues).
    let traits = Pb::new().msg(
        1,
        Pb::new()
            .str(1, "logins")
            .msg(2, Pb::new().str(1, "alice").str(1, "root")),
    );
    let expected = resource(
        "user",
        "v2",
        metadata("alice"),
        Pb::new().str(4, "access").msg(5, traits),
    );
    pin(&v2, &expected);
    assert_eq!(convert::user_from_proto(v2.clone()), user);
    // teleport.users.v1: CreateUserRequest user = 1, but UpsertUserRequest user = 2.
    pin(
        &CreateUserRequest { user: Some(v2.clone()) },
        &Pb::new().msg(1, expected.clone()),
    );
    pin(
        &UpsertUserRequest { user: Some(v2.clone()) },
        &Pb::new().msg(2, expected.clone()),
    );
    pin(&DeleteUserRequest { name: "alice".into() }, &Pb::new().str(1, "alice"));
    pin(
        &ListUsersRequest {
            page_size: 1000,
            page_token: "b".into(),
            with_secrets: false,
        },
        &Pb::new().varint(1, 1000).str(2, "b"),
    );
    pin(
        &ListUsersResponse {
            users: vec![v2],
            next_page_token: "c".into(),
        },
        &Pb::new().msg(1, expected).str(2, "c"),
    );
    // CreateResetPasswordTokenRequest: Name = 1, Type = 2, TTL = 3 (ns).
    pin(
        &CreateResetPasswordTokenRequest {
            name: "alice".into(),
            r#type: "invite".into(),
            ttl: 3_600_000_000_000,
        },
        &Pb::new().str(1, "alice").str(2, "invite").varint(3, 3_600_000_000_000),
    );
    // types.UserTokenV3: Spec = 5 {User = 1, URL = 2, Created = 4}.
    pin(
        &UserTokenV3 {
            kind: "user_token".into(),
            sub_kind: "invite".into(),
            version: "v3".into(),
            metadata: None,
            spec: Some(UserTokenSpecV3 {
                user: "alice".into(),
                url: "https://p/web/invite/t".into(),
                usage: 0,
                created: Some(prost_types::Timestamp { seconds: 5, nanos: 0 }),
            }),
        },
        &Pb::new().str(1, "user_token").str(2, "invite").str(3, "v3").msg(
            5,
            Pb::new()
                .str(1, "alice")
                .str(2, "https://p/web/invite/t")
                .msg(4, Pb::new().varint(1, 5)),
        ),
    );
}

#[test]
fn cluster_auth_preference() {
    let cap = match parse(
        "kind: cluster_auth_preference\nversion: v2\nmetadata:\n  name: cluster-auth-preference\nspec:\n  type: local\n  second_factor: webauthn\n  webauthn:\n    rp_id: example.com\n  require_session_mfa: true\n  allow_headless: true\n  signature_algorithm_suite: balanced-v1\n",
    ) {
        Resource::AuthPreference(c) => c,
        other => panic!("{other:?}"),
    };
    let v2 = convert::cap_to_proto(&cap);
    // AuthPreferenceSpecV2: Type = 1, SecondFactor = 2, Webauthn = 10 {RPID = 1},
    // RequireMFAType = 12, AllowHeadless = 15 (BoolValue), signature_algorithm_suite = 20.
    let spec = Pb::new()
        .str(1, "local")
        .str(2, "webauthn")
        .msg(10, Pb::new().str(1, "example.com"))
        .varint(12, 1)
        .msg(15, Pb::new().varint(1, 1))
        .varint(20, 2);
    let expected = resource(
        "cluster_auth_preference",
        "v2",
        metadata("cluster-auth-preference"),
        spec,
    );
    pin(&v2, &expected);
    assert_eq!(convert::cap_from_proto(v2.clone()).unwrap(), cap);
    // UpsertAuthPreferenceRequest: auth_preference = 1.
    pin(
        &UpsertAuthPreferenceRequest {
            auth_preference: Some(v2),
        },
        &Pb::new().msg(1, expected),
    );
}

#[test]
fn databases_and_kubernetes_clusters() {
    let db = match parse(
        "kind: db\nversion: v3\nmetadata:\n  name: pg\nspec:\n  protocol: postgres\n  uri: localhost:5432\n",
    ) {
        Resource::Database(d) => d,
        other => panic!("{other:?}"),
    };
    let v3 = convert::database_to_proto(&db);
    // DatabaseSpecV3: Protocol = 1, URI = 2.
    pin(
        &v3,
        &resource(
            "db",
            "v3",
            metadata("pg"),
            Pb::new().str(1, "postgres").str(2, "localhost:5432"),
        ),
    );
    assert_eq!(convert::database_from_proto(v3), db);
    // KubernetesClusterSpecV3: Kubeconfig = 2, raw bytes (the YAML's base64 decoded).
    let kubeconfig = "apiVersion: v1\nclusters: []\n";
    let mut kube = tele_common::resources::KubeCluster::new("k8s");
    kube.spec.kubeconfig = base64_std(kubeconfig.as_bytes());
    let v3 = convert::kube_to_proto(&kube).unwrap();
    pin(
        &v3,
        &resource(
            "kube_cluster",
            "v3",
            metadata("k8s"),
            Pb::new().bytes(2, kubeconfig.as_bytes()),
        ),
    );
    assert_eq!(convert::kube_from_proto(v3), kube);
}

fn base64_std(b: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(b)
}

#[test]
fn certificate_authorities_and_certificates() {
    // GetCertAuthoritiesRequest: type = 1, include_key = 2.
    pin(
        &GetCertAuthoritiesRequest {
            r#type: "host".into(),
            include_key: false,
        },
        &Pb::new().str(1, "host"),
    );
    // CertAuthorityV2 → Spec = 5 {Type = 1, ClusterName = 2, ActiveKeys = 11 {SSH = 1
    // {PublicKey = 1}, TLS = 2 {Cert = 1}}}; GetCertAuthoritiesResponse: cert_authorities_v2 = 1.
    let ca = CertAuthorityV2 {
        kind: "cert_authority".into(),
        sub_kind: "host".into(),
        version: "v2".into(),
        metadata: None,
        spec: Some(CertAuthoritySpecV2 {
            r#type: "host".into(),
            cluster_name: "example.test".into(),
            rotation: None,
            active_keys: Some(CaKeySet {
                ssh: vec![SshKeyPair {
                    public_key: b"ssh-ed25519 AAAA\n".to_vec(),
                    ..Default::default()
                }],
                tls: vec![TlsKeyPair {
                    cert: b"PEM".to_vec(),
                    ..Default::default()
                }],
            }),
            additional_trusted_keys: None,
        }),
    };
    let expected_ca = Pb::new().str(1, "cert_authority").str(2, "host").str(3, "v2").msg(
        5,
        Pb::new().str(1, "host").str(2, "example.test").msg(
            11,
            Pb::new()
                .msg(1, Pb::new().str(1, "ssh-ed25519 AAAA\n"))
                .msg(2, Pb::new().str(1, "PEM")),
        ),
    );
    pin(
        &GetCertAuthoritiesResponse {
            cert_authorities_v2: vec![ca],
        },
        &Pb::new().msg(1, expected_ca),
    );
    // GenerateHostCertRequest: key = 1, host_id = 2, node_name = 3, principals = 4,
    // cluster_name = 5, role = 6, ttl = 7 (Duration seconds = 1); response ssh_certificate = 1.
    pin(
        &GenerateHostCertRequest {
            key: b"ssh-ed25519 AAAA\n".to_vec(),
            host_id: "h".into(),
            node_name: "h".into(),
            principals: vec!["h".into(), "10.0.0.1".into()],
            cluster_name: "example.test".into(),
            role: "Node".into(),
            ttl: Some(prost_types::Duration { seconds: 60, nanos: 0 }),
        },
        &Pb::new()
            .str(1, "ssh-ed25519 AAAA\n")
            .str(2, "h")
            .str(3, "h")
            .str(4, "h")
            .str(4, "10.0.0.1")
            .str(5, "example.test")
            .str(6, "Node")
            .msg(7, Pb::new().varint(1, 60)),
    );
    pin(
        &GenerateHostCertResponse {
            ssh_certificate: b"cert".to_vec(),
        },
        &Pb::new().str(1, "cert"),
    );
    // DatabaseCertRequest: CSR = 1, ServerName = 2, TTL = 3 (ns), ServerNames = 4,
    // RequesterName = 5 (TCTL = 1); DatabaseCertResponse: Cert = 1, CACerts = 2.
    pin(
        &DatabaseCertRequest {
            csr: b"CSR".to_vec(),
            server_name: "db".into(),
            ttl: 3_600_000_000_000,
            server_names: vec!["db".into(), "10.0.0.5".into()],
            requester_name: database_cert_request::Requester::Tctl as i32,
            certificate_extensions: 0,
        },
        &Pb::new()
            .str(1, "CSR")
            .str(2, "db")
            .varint(3, 3_600_000_000_000)
            .str(4, "db")
            .str(4, "10.0.0.5")
            .varint(5, 1),
    );
    pin(
        &DatabaseCertResponse {
            cert: b"C".to_vec(),
            ca_certs: vec![b"A".to_vec()],
        },
        &Pb::new().str(1, "C").str(2, "A"),
    );
    // The admin-action check: IsMFARequiredRequest.AdminAction = 5, an empty message.
    pin(
        &IsMfaRequiredRequest {
            target: Some(Target::AdminAction(AdminAction {})),
        },
        &Pb::new().msg(5, Pb::new()),
    );
}

#[test]
fn headless_approval() {
    use tele_common::grpc::wire::proto::mfa_authenticate_response::Response;
    use tele_common::grpc::wire::types::{HeadlessAuthentication, HeadlessAuthenticationState, ResourceHeader};
    // GetHeadlessAuthenticationRequest: id = 1.
    pin(
        &GetHeadlessAuthenticationRequest { id: "abc".into() },
        &Pb::new().str(1, "abc"),
    );
    // UpdateHeadlessAuthenticationStateRequest: id = 1, state = 2 (APPROVED = 3), mfa_response
    // = 3 (MFAAuthenticateResponse, TOTP = 2 here for brevity: {Code = 1}).
    pin(
        &UpdateHeadlessAuthenticationStateRequest {
            id: "abc".into(),
            state: HeadlessAuthenticationState::Approved as i32,
            mfa_response: Some(MfaAuthenticateResponse {
                response: Some(Response::Totp(TotpResponse { code: "1".into() })),
            }),
        },
        &Pb::new()
            .str(1, "abc")
            .varint(2, 3)
            .msg(3, Pb::new().msg(2, Pb::new().str(1, "1"))),
    );
    // types.HeadlessAuthentication: header = 1 (ResourceHeader: Kind = 1, Version = 3,
    // Metadata = 4), user = 2, state = 4 (PENDING = 1), client_ip_address = 6,
    // ssh_public_key = 7, tls_public_key = 8.
    pin(
        &HeadlessAuthentication {
            header: Some(ResourceHeader {
                kind: "headless_authentication".into(),
                sub_kind: String::new(),
                version: "v1".into(),
                metadata: None,
            }),
            user: "alice".into(),
            public_key: Vec::new(),
            state: HeadlessAuthenticationState::Pending as i32,
            client_ip_address: "10.0.0.9".into(),
            ssh_public_key: b"ssh-ed25519 AAAA\n".to_vec(),
            tls_public_key: b"PEM".to_vec(),
        },
        &Pb::new()
            .msg(1, Pb::new().str(1, "headless_authentication").str(3, "v1"))
            .str(2, "alice")
            .varint(4, 1)
            .str(6, "10.0.0.9")
            .str(7, "ssh-ed25519 AAAA\n")
            .str(8, "PEM"),
    );
}

#[test]
fn mfa_devices() {
    use tele_common::api::login::DeviceType;
    use tele_common::grpc::wire::types::MfaDevice;
    let added = std::time::UNIX_EPOCH + std::time::Duration::from_secs(100);
    let device = convert::device_to_proto("uuid-1", "key1", true, added, None);
    // GetMFADevicesRequest: TokenID = 1 (empty: the signed-in user). GetMFADevicesResponse:
    // Devices = 1; MFADevice: kind = 1, version = 3, metadata = 4, id = 5, added_at = 6,
    // oneof webauthn = 10 (no secrets: an empty message).
    pin(&GetMfaDevicesRequest::default(), &Pb::new());
    let expected = Pb::new()
        .str(1, "mfa_device")
        .str(3, "v1")
        .msg(4, metadata("key1"))
        .str(5, "uuid-1")
        .msg(6, Pb::new().varint(1, 100))
        .msg(10, Pb::new());
    pin(
        &GetMfaDevicesResponse {
            devices: vec![device.clone()],
        },
        &Pb::new().msg(1, expected),
    );
    let shown = convert::device_from_proto(device);
    assert_eq!((shown.name.as_str(), shown.kind), ("key1", DeviceType::Webauthn));
    assert_eq!(shown.added_at, "1970-01-01T00:01:40Z");
    assert_eq!(shown.last_used, None);
    // DeleteMFADeviceSyncRequest: TokenID = 1 (empty), DeviceName = 2, ExistingMFAResponse = 3.
    pin(
        &DeleteMfaDeviceSyncRequest {
            token_id: String::new(),
            device_name: "key1".into(),
            existing_mfa_response: Some(MfaAuthenticateResponse {
                response: Some(mfa_authenticate_response::Response::Totp(TotpResponse {
                    code: "9".into(),
                })),
            }),
        },
        &Pb::new().str(2, "key1").msg(3, Pb::new().msg(2, Pb::new().str(1, "9"))),
    );
    // totp = 8.
    let totp = convert::device_to_proto("u", "otp", false, added, Some(added));
    assert_eq!(
        MfaDevice::decode(totp.encode_to_vec().as_slice()).unwrap().device,
        totp.device
    );
    assert!(totp.encode_to_vec().ends_with(&[0x42, 0x00]));
}
