//! Byte-level fixtures of every protobuf message the suite sends or reads over gRPC.
//!
//! The expected bytes are built by hand with [`Pb`], an encoder written here from the protobuf
//! wire format, with the field numbers of `shared/reference/teleport-wire.md` as literals: not
//! with prost. Each message is encoded by the generated code and compared byte for byte, and
//! bytes shaped as a Teleport peer sends them (fields this subset leaves out included) are
//! decoded back.
//! Fields are written in number order, `oneof` members included, as Go's protobuf writes them,
//! so the bytes are the ones a Teleport peer would send.

use prost::Message;
use tele_common::grpc::wire::proto::create_authenticate_challenge_request::Request as ChallengeFor;
use tele_common::grpc::wire::proto::is_mfa_required_request::Target;
use tele_common::grpc::wire::proto::mfa_authenticate_response::Response;
use tele_common::grpc::wire::proto::paginated_resource::Resource;
use tele_common::grpc::wire::proto::user_certs_request::{CertPurpose, CertUsage, Requester};
use tele_common::grpc::wire::proto::*;
use tele_common::grpc::wire::teleport::mfa::v1::{ChallengeAllowReuse, ChallengeExtensions, ChallengeScope};
use tele_common::grpc::wire::types::{Metadata, ServerSpecV2, ServerV2, SignatureAlgorithmSuite};
use tele_common::grpc::wire::webauthn;

mod support;

use support::{Pb, pin};

#[test]
fn the_first_bytes_are_the_protobuf_wire_format() {
    // ClusterName = 1 "c": key 0x0a (1 << 3 | 2), length 1, 'c'.
    let ping = PingResponse {
        cluster_name: "c".into(),
        ..Default::default()
    };
    assert_eq!(ping.encode_to_vec(), [0x0a, 0x01, b'c']);
    // A varint over 127 takes two bytes: Limit = 3, 1000 → 0x18 0xe8 0x07.
    let list = ListResourcesRequest {
        limit: 1000,
        ..Default::default()
    };
    assert_eq!(list.encode_to_vec(), [0x18, 0xe8, 0x07]);
    assert!(PingRequest {}.encode_to_vec().is_empty());
}

#[test]
fn ping() {
    let resp = PingResponse {
        cluster_name: "example.test".into(),
        server_version: "17.0.0".into(),
        server_features: Some(Features {}),
        proxy_public_addr: "proxy.example.test:443".into(),
        is_boring: true,
        remote_addr: "127.0.0.1:50000".into(),
        load_all_c_as: true,
        signature_algorithm_suite: SignatureAlgorithmSuite::BalancedV1 as i32,
    };
    let expected = Pb::new()
        .str(1, "example.test")
        .str(2, "17.0.0")
        .msg(3, Pb::new())
        .str(4, "proxy.example.test:443")
        .varint(5, 1)
        .str(7, "127.0.0.1:50000")
        .varint(8, 1)
        .varint(9, 2);
    pin(&resp, &expected);
    // Teleport fills Features (Kubernetes = 1, App = 2, DB = 3, ...) and LicenseExpiry = 10:
    // skipped by this subset, everything it knows still read.
    let teleport = Pb::new()
        .str(1, "example.test")
        .str(2, "17.4.2")
        .msg(3, Pb::new().varint(1, 1).varint(2, 1).varint(3, 1))
        .varint(9, 1)
        .msg(10, Pb::new().varint(1, 1_700_000_000));
    let read = PingResponse::decode(teleport.0.as_slice()).unwrap();
    assert_eq!(
        (read.cluster_name.as_str(), read.server_version.as_str()),
        ("example.test", "17.4.2")
    );
    assert_eq!(read.signature_algorithm_suite(), SignatureAlgorithmSuite::Legacy);
}

fn node() -> (ServerV2, Pb) {
    let server = ServerV2 {
        kind: "node".into(),
        sub_kind: "openssh".into(),
        version: "v2".into(),
        metadata: Some(Metadata {
            name: "6f1c7a1e-0000-4000-8000-000000000001".into(),
            namespace: "default".into(),
            labels: [("env".to_string(), "prod".to_string())].into(),
            ..Default::default()
        }),
        spec: Some(ServerSpecV2 {
            addr: "10.0.0.5:22".into(),
            hostname: "prod3".into(),
            version: "17.0.0".into(),
            ..Default::default()
        }),
    };
    let bytes = Pb::new()
        .str(1, "node")
        .str(2, "openssh")
        .str(3, "v2")
        .msg(
            4,
            Pb::new()
                .str(1, "6f1c7a1e-0000-4000-8000-000000000001")
                .str(2, "default")
                .map_entry(5, "env", "prod"),
        )
        .msg(5, Pb::new().str(1, "10.0.0.5:22").str(3, "prod3").str(7, "17.0.0"));
    (server, bytes)
}

#[test]
fn list_resources() {
    let req = ListResourcesRequest {
        resource_type: "node".into(),
        namespace: "default".into(),
        limit: 1000,
        start_key: "k".into(),
        labels: [("env".to_string(), "prod".to_string())].into(),
        search_keywords: vec!["web".into()],
        need_total_count: true,
        include_logins: true,
        ..Default::default()
    };
    let expected = Pb::new()
        .str(1, "node")
        .str(2, "default")
        .varint(3, 1000)
        .str(4, "k")
        .map_entry(5, "env", "prod")
        .str(7, "web")
        .varint(9, 1)
        .varint(13, 1);
    pin(&req, &expected);

    let (server, server_bytes) = node();
    let resp = ListResourcesResponse {
        resources: vec![PaginatedResource {
            resource: Some(Resource::Node(server)),
            logins: vec!["root".into()],
            requires_request: false,
        }],
        next_key: "next".into(),
        total_count: 7,
    };
    let expected = Pb::new()
        .msg(1, Pb::new().msg(3, server_bytes.clone()).str(13, "root"))
        .str(2, "next")
        .varint(3, 7);
    pin(&resp, &expected);
    // A Teleport node's spec carries CmdLabels = 4 (map of CommandLabelV2), Rotation = 5,
    // ProxyIDs = 12 and public_addrs = 13 too, and a listing may hold a DatabaseServer = 1:
    // the node is read, what this subset leaves out skipped.
    let teleport_node = Pb::new().str(1, "node").str(3, "v2").msg(
        5,
        Pb::new()
            .str(1, "10.0.0.5:22")
            .str(3, "prod3")
            .msg(4, Pb::new().str(1, "uptime").msg(2, Pb::new().str(3, "1d")))
            .msg(5, Pb::new().str(1, "standby"))
            .str(12, "proxy-id")
            .str(13, "prod3.example.test"),
    );
    let teleport = Pb::new()
        .msg(1, Pb::new().msg(3, teleport_node))
        .msg(1, Pb::new().msg(5, Pb::new().str(1, "windows_desktop")));
    let read = ListResourcesResponse::decode(teleport.0.as_slice()).unwrap();
    let Some(Resource::Node(n)) = &read.resources[0].resource else {
        panic!("{read:?}");
    };
    assert_eq!(n.spec.as_ref().unwrap().hostname, "prod3");
    assert_eq!(n.spec.as_ref().unwrap().public_addrs, ["prod3.example.test"]);
    assert_eq!(read.resources[1].resource, None, "a resource kind outside the subset");
}

#[test]
fn is_mfa_required() {
    let node = IsMfaRequiredRequest {
        target: Some(Target::Node(NodeLogin {
            node: "prod3".into(),
            login: "root".into(),
        })),
    };
    pin(&node, &Pb::new().msg(3, Pb::new().str(1, "prod3").str(2, "root")));
    let db = IsMfaRequiredRequest {
        target: Some(Target::Database(RouteToDatabase {
            service_name: "pg".into(),
            protocol: "postgres".into(),
            username: "alice".into(),
            database: "app".into(),
            roles: vec![],
        })),
    };
    pin(
        &db,
        &Pb::new().msg(
            2,
            Pb::new().str(1, "pg").str(2, "postgres").str(3, "alice").str(4, "app"),
        ),
    );
    let kube = IsMfaRequiredRequest {
        target: Some(Target::KubernetesCluster("k".into())),
    };
    pin(&kube, &Pb::new().str(1, "k"));
    let resp = IsMfaRequiredResponse {
        required: true,
        mfa_required: MfaRequired::Yes as i32,
    };
    pin(&resp, &Pb::new().varint(1, 1).varint(2, 1));
    let no = IsMfaRequiredResponse {
        required: false,
        mfa_required: MfaRequired::No as i32,
    };
    pin(&no, &Pb::new().varint(2, 2));
}

#[test]
fn create_authenticate_challenge() {
    let req = CreateAuthenticateChallengeRequest {
        request: Some(ChallengeFor::ContextUser(ContextUser {})),
        mfa_required_check: Some(IsMfaRequiredRequest {
            target: Some(Target::Node(NodeLogin {
                node: "prod3".into(),
                login: "root".into(),
            })),
        }),
        challenge_extensions: Some(ChallengeExtensions {
            scope: ChallengeScope::UserSession as i32,
            allow_reuse: ChallengeAllowReuse::Yes as i32,
            user_verification_requirement: "discouraged".into(),
        }),
        ..Default::default()
    };
    let expected = Pb::new()
        .msg(3, Pb::new())
        .msg(5, Pb::new().msg(3, Pb::new().str(1, "prod3").str(2, "root")))
        .msg(6, Pb::new().varint(1, 6).varint(2, 1).str(3, "discouraged"));
    pin(&req, &expected);
    // The other request kinds: UserCredentials = 1 {Username = 1, Password = 2 (bytes)}.
    let creds = CreateAuthenticateChallengeRequest {
        request: Some(ChallengeFor::UserCredentials(UserCredentials {
            username: "u".into(),
            password: b"p".to_vec(),
        })),
        ..Default::default()
    };
    pin(&creds, &Pb::new().msg(1, Pb::new().str(1, "u").bytes(2, b"p")));

    let challenge = MfaAuthenticateChallenge {
        totp: Some(TotpChallenge {}),
        webauthn_challenge: Some(webauthn::CredentialAssertion {
            public_key: Some(webauthn::PublicKeyCredentialRequestOptions {
                challenge: vec![1, 2, 3],
                timeout_ms: 60000,
                rp_id: "localhost".into(),
                allow_credentials: vec![webauthn::CredentialDescriptor {
                    r#type: "public-key".into(),
                    id: vec![9, 9],
                }],
                extensions: None,
                user_verification: "discouraged".into(),
            }),
        }),
        mfa_required: MfaRequired::Yes as i32,
    };
    let expected = Pb::new()
        .msg(2, Pb::new())
        .msg(
            3,
            Pb::new().msg(
                1,
                Pb::new()
                    .bytes(1, &[1, 2, 3])
                    .varint(2, 60000)
                    .str(3, "localhost")
                    .msg(4, Pb::new().str(1, "public-key").bytes(2, &[9, 9]))
                    .str(6, "discouraged"),
            ),
        )
        .varint(4, 1);
    pin(&challenge, &expected);
    // Teleport 17 may add SSOChallenge = 5: skipped.
    let teleport = expected.msg(5, Pb::new().str(1, "req").str(2, "https://idp"));
    let read = MfaAuthenticateChallenge::decode(teleport.0.as_slice()).unwrap();
    assert_eq!(read, challenge);
}

#[test]
fn mfa_authenticate_response() {
    let totp = MfaAuthenticateResponse {
        response: Some(Response::Totp(TotpResponse { code: "123456".into() })),
    };
    pin(&totp, &Pb::new().msg(2, Pb::new().str(1, "123456")));
    let key = MfaAuthenticateResponse {
        response: Some(Response::Webauthn(webauthn::CredentialAssertionResponse {
            r#type: "public-key".into(),
            raw_id: vec![7],
            response: Some(webauthn::AuthenticatorAssertionResponse {
                client_data_json: b"{}".to_vec(),
                authenticator_data: vec![1],
                signature: vec![2],
                user_handle: vec![],
            }),
            extensions: Some(webauthn::AuthenticationExtensionsClientOutputs { app_id: true }),
        })),
    };
    let expected = Pb::new().msg(
        3,
        Pb::new()
            .str(1, "public-key")
            .bytes(2, &[7])
            .msg(3, Pb::new().bytes(1, b"{}").bytes(2, &[1]).bytes(3, &[2]))
            .msg(4, Pb::new().varint(1, 1)),
    );
    pin(&key, &expected);
}

#[test]
fn generate_user_certs() {
    let mut req = UserCertsRequest {
        username: "jerry".into(),
        expires: Some(prost_types::Timestamp {
            seconds: 1_800_000_000,
            nanos: 0,
        }),
        route_to_cluster: "example.test".into(),
        node_name: "prod3".into(),
        mfa_response: Some(MfaAuthenticateResponse {
            response: Some(Response::Totp(TotpResponse { code: "1".into() })),
        }),
        ssh_login: "root".into(),
        ssh_public_key: b"ssh-ed25519 AAAA\n".to_vec(),
        ..Default::default()
    };
    req.set_usage(CertUsage::Ssh);
    req.set_purpose(CertPurpose::SingleUseCerts);
    let expected = Pb::new()
        .str(2, "jerry")
        .msg(3, Pb::new().varint(1, 1_800_000_000))
        .str(5, "example.test")
        .str(9, "prod3")
        .varint(10, 1)
        .msg(18, Pb::new().msg(2, Pb::new().str(1, "1")))
        .str(19, "root")
        .varint(21, 2)
        .bytes(22, b"ssh-ed25519 AAAA\n");
    pin(&req, &expected);
    // The database fields and the requester: RouteToDatabase = 8, RequesterName = 17,
    // TLSPublicKey = 23.
    let mut db = UserCertsRequest {
        route_to_database: Some(RouteToDatabase {
            service_name: "pg".into(),
            ..Default::default()
        }),
        tls_public_key: b"PEM".to_vec(),
        ..Default::default()
    };
    db.set_usage(CertUsage::Database);
    db.set_requester_name(Requester::TshDbExec);
    pin(
        &db,
        &Pb::new()
            .msg(8, Pb::new().str(1, "pg"))
            .varint(10, 3)
            .varint(17, 5)
            .bytes(23, b"PEM"),
    );

    let certs = Certs {
        ssh: b"cert".to_vec(),
        tls: b"tls".to_vec(),
        tlsca_certs: vec![b"ca1".to_vec()],
        sshca_certs: vec![b"ca2".to_vec()],
    };
    pin(
        &certs,
        &Pb::new()
            .bytes(1, b"cert")
            .bytes(2, b"tls")
            .bytes(3, b"ca1")
            .bytes(4, b"ca2"),
    );
    // A client that still sends the old PublicKey = 1, and attestation_statement = 20: skipped.
    let teleport = Pb::new().bytes(1, b"old").str(2, "jerry").msg(20, Pb::new());
    assert_eq!(
        UserCertsRequest::decode(teleport.0.as_slice()).unwrap().username,
        "jerry"
    );
}

#[test]
fn enums_have_teleports_numbers() {
    assert_eq!(CertUsage::All as i32, 0);
    assert_eq!(CertUsage::Kubernetes as i32, 2);
    assert_eq!(CertUsage::WindowsDesktop as i32, 5);
    assert_eq!(Requester::TshDbLocalProxyTunnel as i32, 1);
    assert_eq!(Requester::TshKubeLocalProxy as i32, 2);
    assert_eq!(CertPurpose::LoginCerts as i32, 1);
    assert_eq!(ChallengeScope::HeadlessLogin as i32, 3);
    assert_eq!(ChallengeScope::ManageDevices as i32, 4);
    assert_eq!(ChallengeScope::AdminAction as i32, 7);
    assert_eq!(ChallengeAllowReuse::No as i32, 2);
    assert_eq!(SignatureAlgorithmSuite::Legacy as i32, 1);
    assert_eq!(SignatureAlgorithmSuite::HsmV1 as i32, 4);
    assert_eq!(MfaRequired::No as i32, 2);
}
