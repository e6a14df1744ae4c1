//! Seeds of the gRPC targets: the answers tsh and tctl read, tctl edit's complete decoding,
//! the requests the server reads, whole answers with frames and trailers, and the requests the
//! reference server's CAs sign.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use prost::Message;
use tele_common::api::nodes::Recording;
use tele_common::asciicast;
use tele_common::grpc::convert::{
    cap_to_proto, database_to_proto, device_to_proto, kube_to_proto, role_to_proto, to_proto_duration, to_timestamp,
    token_to_proto, user_to_proto,
};
use tele_common::grpc::metadata::encode_mfa_response;
use tele_common::grpc::mfa::{challenge_to_proto, response_to_proto};
use tele_common::grpc::recordings::{SessionInfo, recording_events, session_end};
use tele_common::grpc::resources::{Host, db_server_to_proto, kube_server_to_proto, node_to_proto};
use tele_common::grpc::wire::events::OneOf;
use tele_common::grpc::wire::proto::{
    AddMfaDeviceSyncRequest, Certs, CreateRoleRequest, CreateTokenV2Request, DatabaseCertRequest, DatabaseCertResponse,
    Events, GetMfaDevicesResponse, ListResourcesRequest, ListResourcesResponse, ListRolesResponse,
    MfaRegisterChallenge, MfaRegisterResponse, PaginatedResource, PingResponse as PbPing, TotpRegisterChallenge,
    UserCertsRequest, create_token_v2_request, mfa_register_challenge, mfa_register_response, paginated_resource,
};
use tele_common::grpc::wire::teleport::clusterconfig::v1::UpsertAuthPreferenceRequest;
use tele_common::grpc::wire::teleport::trust::v1::{GenerateHostCertRequest, GetCertAuthoritiesResponse};
use tele_common::grpc::wire::teleport::users::v1::{GetUserResponse, UpsertUserRequest};
use tele_common::grpc::wire::types::{
    CaKeySet, CertAuthoritySpecV2, CertAuthorityV2, DatabaseV3List, HeadlessAuthentication, KubernetesClusterV3List,
    ProvisionTokenV2List, Rotation, SshKeyPair, TlsKeyPair,
};
use tele_common::grpc::wire::webauthn as pbw;
use tele_common::resources::Resource;
use tele_fuzz::{CLUSTER, USER};

use super::{Corpus, Keys, RESOURCES, answer, assertion, challenge, frame, join0, node};

pub fn write(c: &Corpus, k: &Keys, cast: &[u8]) {
    let Keys {
        ssh,
        tls,
        user_cert,
        tls_cert,
        routed,
        ca_pem,
        host_ca,
        ..
    } = k;
    let resources = Resource::parse_all(RESOURCES).unwrap();
    let mut role = None;
    let mut user = None;
    let mut token = None;
    let mut cap = None;
    let mut db = None;
    let mut kube = None;
    for r in resources {
        match r {
            Resource::Role(r) => role = Some(r),
            Resource::User(u) => user = Some(u),
            Resource::Token(t) => token = Some(t),
            Resource::AuthPreference(a) => cap = Some(a),
            Resource::Database(d) => db = Some(d),
            Resource::KubeCluster(k) => kube = Some(k),
        }
    }
    let (role, user, token, cap, db, kube) = (
        role.unwrap(),
        user.unwrap(),
        token.unwrap(),
        cap.unwrap(),
        db.unwrap(),
        kube.unwrap(),
    );
    let host = Host {
        hostname: "node",
        host_id: "00000000-0000-0000-0000-000000000001",
    };
    let certs = Certs {
        ssh: format!("{user_cert}\n").into_bytes(),
        tls: routed.clone().into_bytes(),
        tlsca_certs: vec![ca_pem.clone().into_bytes()],
        sshca_certs: vec![host_ca.clone().into_bytes()],
    };
    c.pick("grpc_client", "certs", 0, certs.encode_to_vec());
    let node = node();
    let page = ListResourcesResponse {
        resources: vec![
            PaginatedResource {
                resource: Some(paginated_resource::Resource::Node(node_to_proto(&node))),
                logins: vec!["root".into()],
                requires_request: false,
            },
            PaginatedResource {
                resource: Some(paginated_resource::Resource::DatabaseServer(db_server_to_proto(
                    &db, &host,
                ))),
                ..Default::default()
            },
            PaginatedResource {
                resource: Some(paginated_resource::Resource::KubernetesServer(
                    kube_server_to_proto(&kube, &host).unwrap(),
                )),
                ..Default::default()
            },
        ],
        next_key: "node".into(),
        total_count: 3,
    };
    c.pick("grpc_client", "list-resources", 1, page.encode_to_vec());
    c.pick(
        "grpc_client",
        "challenge",
        2,
        challenge_to_proto(&challenge(), Some(true)).encode_to_vec(),
    );
    let recording = Recording {
        id: "00000000-0000-0000-0000-000000000002".into(),
        kind: "ssh".into(),
        user: USER.into(),
        login: "root".into(),
        hostname: "node".into(),
        command: String::new(),
        started: String::new(),
        ended: String::new(),
    };
    let started = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let info = SessionInfo {
        recording: &recording,
        cluster: CLUSTER,
        started,
        ended: started + Duration::from_secs(60),
    };
    let events = Events {
        items: vec![session_end(&info, 3)],
        last_key: "1".into(),
    };
    c.pick("grpc_client", "session-events", 3, events.encode_to_vec());
    let (h, output) = asciicast::parse(std::str::from_utf8(cast).unwrap()).unwrap();
    let streamed: Vec<OneOf> = recording_events(&info, &h, &output);
    let stream: Vec<u8> = streamed
        .iter()
        .flat_map(|e| e.encode_length_delimited_to_vec())
        .collect();
    c.pick("grpc_client", "stream-session-events", 4, &stream);
    let ping = PbPing {
        cluster_name: CLUSTER.into(),
        server_version: "17.0.0".into(),
        signature_algorithm_suite: 2,
        ..Default::default()
    };
    c.pick("grpc_client", "ping", 5, ping.encode_to_vec());
    c.pick("grpc_client", "role", 6, role_to_proto(&role).encode_to_vec());
    c.pick(
        "grpc_client",
        "roles",
        7,
        ListRolesResponse {
            roles: vec![role_to_proto(&role)],
            next_key: String::new(),
        }
        .encode_to_vec(),
    );
    c.pick(
        "grpc_client",
        "tokens",
        8,
        ProvisionTokenV2List {
            provision_tokens: vec![token_to_proto(&token)],
        }
        .encode_to_vec(),
    );
    c.pick(
        "grpc_client",
        "user",
        9,
        GetUserResponse {
            user: Some(user_to_proto(&user)),
        }
        .encode_to_vec(),
    );
    c.pick("grpc_client", "cap", 11, cap_to_proto(&cap).encode_to_vec());
    c.pick(
        "grpc_client",
        "databases",
        12,
        DatabaseV3List {
            databases: vec![database_to_proto(&db)],
        }
        .encode_to_vec(),
    );
    c.pick(
        "grpc_client",
        "kube-clusters",
        13,
        KubernetesClusterV3List {
            kubernetes_clusters: vec![kube_to_proto(&kube).unwrap()],
        }
        .encode_to_vec(),
    );
    c.pick(
        "grpc_client",
        "devices",
        14,
        GetMfaDevicesResponse {
            devices: vec![
                device_to_proto("1", "key1", true, started, Some(started)),
                device_to_proto("2", "otp", false, started, None),
            ],
        }
        .encode_to_vec(),
    );
    let totp = MfaRegisterChallenge {
        request: Some(mfa_register_challenge::Request::Totp(TotpRegisterChallenge {
            secret: "JBSWY3DPEHPK3PXP".into(),
            issuer: CLUSTER.into(),
            period_seconds: 30,
            algorithm: "SHA1".into(),
            digits: 6,
            account: USER.into(),
            qr_code: Vec::new(),
            id: "abc".into(),
        })),
    };
    c.pick("grpc_client", "register-totp", 15, totp.encode_to_vec());
    let ccr: webauthn_rs_proto::CreationChallengeResponse = serde_json::from_value(serde_json::json!({
        "publicKey": {
            "rp": {"name": "example.test", "id": "localhost"},
            "user": {"id": "AQI", "name": "dev", "displayName": "dev"},
            "challenge": "BwgJ",
            "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
            "timeout": 60000,
            "excludeCredentials": [{"type": "public-key", "id": "CQk"}],
            "attestation": "none",
            "authenticatorSelection": {"requireResidentKey": false, "userVerification": "discouraged"}
        }
    }))
    .unwrap();
    let webauthn = MfaRegisterChallenge {
        request: Some(mfa_register_challenge::Request::Webauthn(
            tele_common::grpc::register::creation_to_proto(&ccr),
        )),
    };
    c.pick("grpc_client", "register-webauthn", 15, webauthn.encode_to_vec());
    let headless = HeadlessAuthentication {
        header: None,
        user: USER.into(),
        public_key: Vec::new(),
        state: 1,
        client_ip_address: "127.0.0.1".into(),
        ssh_public_key: ssh.public_openssh().into_bytes(),
        tls_public_key: tls.public_pem().into_bytes(),
    };
    c.pick("grpc_client", "headless", 16, headless.encode_to_vec());
    let authorities = GetCertAuthoritiesResponse {
        cert_authorities_v2: vec![CertAuthorityV2 {
            kind: "cert_authority".into(),
            sub_kind: "host".into(),
            version: "v2".into(),
            metadata: None,
            spec: Some(CertAuthoritySpecV2 {
                r#type: "host".into(),
                cluster_name: CLUSTER.into(),
                rotation: Some(Rotation {
                    last_rotated: Some(to_timestamp(started)),
                    ..Default::default()
                }),
                active_keys: Some(CaKeySet {
                    ssh: vec![SshKeyPair {
                        public_key: host_ca.clone().into_bytes(),
                        ..Default::default()
                    }],
                    tls: vec![TlsKeyPair {
                        cert: ca_pem.clone().into_bytes(),
                        ..Default::default()
                    }],
                }),
                ..Default::default()
            }),
        }],
    };
    c.pick("grpc_client", "cert-authorities", 17, authorities.encode_to_vec());
    let mut misc = vec![0];
    misc.extend(
        DatabaseCertResponse {
            cert: tls_cert.clone().into_bytes(),
            ca_certs: vec![ca_pem.clone().into_bytes()],
        }
        .encode_to_vec(),
    );
    c.pick("grpc_client", "database-cert", 18, misc);

    // -- gRPC: tctl edit's complete decoding -----------------------------------------------------
    c.pick("grpc_complete", "role", 0, role_to_proto(&role).encode_to_vec());
    let mut with_more = role_to_proto(&role).encode_to_vec();
    let record = [&[0x12, 0x0b][..], b"best_effort"].concat();
    let options = [vec![0x7a, record.len() as u8], record].concat();
    let spec = [vec![0x0a, options.len() as u8], options].concat();
    with_more.extend([vec![0x2a, spec.len() as u8], spec].concat());
    c.pick("grpc_complete", "role-unknown-field", 0, with_more);
    c.pick(
        "grpc_complete",
        "user",
        1,
        GetUserResponse {
            user: Some(user_to_proto(&user)),
        }
        .encode_to_vec(),
    );
    c.pick("grpc_complete", "cap", 2, cap_to_proto(&cap).encode_to_vec());
    c.pick("grpc_complete", "db", 3, database_to_proto(&db).encode_to_vec());
    c.pick(
        "grpc_complete",
        "kube",
        4,
        kube_to_proto(&kube).unwrap().encode_to_vec(),
    );

    // -- gRPC: what the server reads ---------------------------------------------------------------
    let cert_req = UserCertsRequest {
        username: USER.into(),
        expires: Some(to_timestamp(SystemTime::now() + Duration::from_secs(60))),
        node_name: "node".into(),
        ssh_login: "root".into(),
        mfa_response: Some(response_to_proto(&assertion())),
        ssh_public_key: ssh.public_openssh().into_bytes(),
        tls_public_key: tls.public_pem().into_bytes(),
        ..Default::default()
    };
    c.pick("grpc_server", "user-certs", 0, cert_req.encode_to_vec());
    let list = ListResourcesRequest {
        resource_type: "node".into(),
        namespace: "default".into(),
        limit: 1000,
        labels: [("env".to_string(), "prod".to_string())].into(),
        ..Default::default()
    };
    c.pick("grpc_server", "list-resources", 1, list.encode_to_vec());
    c.pick(
        "grpc_server",
        "create-role",
        4,
        CreateRoleRequest {
            role: Some(role_to_proto(&role)),
        }
        .encode_to_vec(),
    );
    c.pick(
        "grpc_server",
        "create-token",
        5,
        CreateTokenV2Request {
            token: Some(create_token_v2_request::Token::V2(token_to_proto(&token))),
        }
        .encode_to_vec(),
    );
    c.pick(
        "grpc_server",
        "upsert-user",
        7,
        UpsertUserRequest {
            user: Some(user_to_proto(&user)),
        }
        .encode_to_vec(),
    );
    c.pick(
        "grpc_server",
        "upsert-cap",
        8,
        UpsertAuthPreferenceRequest {
            auth_preference: Some(cap_to_proto(&cap)),
        }
        .encode_to_vec(),
    );
    c.pick("grpc_server", "db", 9, database_to_proto(&db).encode_to_vec());
    c.pick("grpc_server", "kube", 10, kube_to_proto(&kube).unwrap().encode_to_vec());
    let add = AddMfaDeviceSyncRequest {
        new_device_name: "key1".into(),
        new_mfa_response: Some(MfaRegisterResponse {
            response: Some(mfa_register_response::Response::Webauthn(
                pbw::CredentialCreationResponse {
                    r#type: "public-key".into(),
                    raw_id: vec![5],
                    response: Some(pbw::AuthenticatorAttestationResponse {
                        client_data_json: b"{}".to_vec(),
                        attestation_object: vec![0xa0],
                    }),
                    extensions: None,
                },
            )),
        }),
        ..Default::default()
    };
    c.pick("grpc_server", "add-device", 11, add.encode_to_vec());
    let host_req = GenerateHostCertRequest {
        key: ssh.public_openssh().into_bytes(),
        principals: vec!["node".into(), "127.0.0.1".into()],
        role: "Node".into(),
        ttl: Some(to_proto_duration(Duration::from_secs(3600))),
        ..Default::default()
    };
    c.pick(
        "grpc_server",
        "host-cert",
        16,
        [&[0u8][..], &host_req.encode_to_vec()].concat(),
    );
    let db_req = DatabaseCertRequest {
        csr: tls.csr_pem("db.example.com").unwrap().into_bytes(),
        server_names: vec!["db.example.com".into(), "127.0.0.1".into()],
        ttl: 3_600_000_000_000,
        ..Default::default()
    };
    c.pick(
        "grpc_server",
        "db-cert",
        16,
        [&[1u8][..], &db_req.encode_to_vec()].concat(),
    );
    c.pick(
        "grpc_server",
        "mfa-metadata",
        17,
        encode_mfa_response(&response_to_proto(&assertion())),
    );

    // -- gRPC frames -----------------------------------------------------------------------------
    let ok = "grpc-status: 0\n";
    c.put(
        "grpc_frames",
        "ping",
        answer(0, 0b1111, ok, &frame(&ping.encode_to_vec())),
    );
    c.put(
        "grpc_frames",
        "list-chunked",
        answer(1, 0b0011, ok, &frame(&page.encode_to_vec())),
    );
    c.put(
        "grpc_frames",
        "certs",
        answer(2, 0b1111, ok, &frame(&certs.encode_to_vec())),
    );
    let body: Vec<u8> = streamed.iter().flat_map(|e| frame(&e.encode_to_vec())).collect();
    c.put("grpc_frames", "stream", answer(4, 0b0101, ok, &body));
    c.put(
        "grpc_frames",
        "denied",
        answer(
            0,
            0b1111,
            "grpc-status: 7\ngrpc-message: admin-level%20API%20request%20requires%20MFA%20verification\n",
            &[],
        ),
    );
    c.put(
        "grpc_frames",
        "trailers-only",
        answer(3, 0b1110, "grpc-status: 16\ngrpc-message: expired\n", &[]),
    );
    c.put(
        "grpc_frames",
        "user",
        answer(
            5,
            0b1111,
            ok,
            &frame(
                &GetUserResponse {
                    user: Some(user_to_proto(&user)),
                }
                .encode_to_vec(),
            ),
        ),
    );
    c.put(
        "grpc_frames",
        "cas",
        answer(6, 0b1111, ok, &frame(&authorities.encode_to_vec())),
    );
    c.put(
        "grpc_frames",
        "raw-role",
        answer(7, 0b1111, ok, &frame(&role_to_proto(&role).encode_to_vec())),
    );

    // -- refserver certificates ------------------------------------------------------------------
    c.pick("refserver_certs", "host-cert", 0, host_req.encode_to_vec());
    c.pick("refserver_certs", "db-csr", 1, db_req.encode_to_vec());
    c.pick("refserver_certs", "tls-key", 2, tls.public_pem());
    c.pick(
        "refserver_certs",
        "route",
        3,
        join0(&[tls.public_pem().as_bytes(), b"prod-pg", b"alice"]),
    );
    c.pick(
        "refserver_certs",
        "server-names",
        4,
        "proxy.fuzz.example.com,127.0.0.1,::1",
    );
}
