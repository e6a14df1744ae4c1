//! Compiles the `.proto` subsets in `proto/` (Teleport's packages, messages and numbers) with
//! protox, so no system `protoc` is needed, and generates the messages and the Auth service's
//! client (and, with feature `grpc-server`, its server) with tonic-prost-build.

// A build script reads cargo's environment directly; the crate's `Context` rule is for the
// library's code.
#[allow(clippy::disallowed_methods)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Cargo's directive channel (a build script's stdout), not output for a user.
    println!("cargo:rerun-if-changed=proto");
    let files = [
        "teleport/legacy/client/proto/authservice.proto",
        "teleport/users/v1/users_service.proto",
        "teleport/clusterconfig/v1/clusterconfig_service.proto",
        "teleport/trust/v1/trust_service.proto",
    ];
    let descriptors = protox::compile(files, ["proto"])?;
    let server = std::env::var_os("CARGO_FEATURE_GRPC_SERVER").is_some();
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(server)
        .build_transport(false)
        .compile_fds(descriptors)?;
    Ok(())
}
